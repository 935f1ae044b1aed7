package display

import (
	"fmt"
	"testing"
)

func TestCapture(t *testing.T) {
	before := Stdout
	got := Capture(func() {
		fmt.Fprint(Stdout, "outer ")
		inner := Capture(func() { fmt.Fprint(Stdout, "inner") })
		fmt.Fprintf(Stdout, "saw %q", inner)
	})
	if want := `outer saw "inner"`; got != want {
		t.Errorf("Capture = %q, want %q", got, want)
	}
	if Stdout != before {
		t.Errorf("Stdout is %T after Capture, want it restored", Stdout)
	}
	func() {
		defer func() { _ = recover() }()
		Capture(func() { panic("f failed") })
	}()
	if Stdout != before {
		t.Errorf("Stdout is %T after a panic in f, want it restored", Stdout)
	}
}

func TestBundleOutsideNotebook(t *testing.T) {
	got := Capture(func() {
		Bundle(map[string]string{HTML: "<b>x</b>", Plain: "x"})
		Bundle(map[string]string{HTML: "<b>only html</b>"})
		Update(NewID(), map[string]string{Plain: "transient"})
	})
	if got != "x\n" {
		t.Errorf("outside a notebook Bundle and Update printed %q, want only the plain text %q", got, "x\n")
	}
}
