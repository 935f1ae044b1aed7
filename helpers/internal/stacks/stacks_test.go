package stacks

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const dump = `goroutine 1 [running]:
main.main()
	/tmp/x/main.go:10 +0x25

goroutine 7 [chan send, 2 minutes]:
main.(*Search).first.func1(0x1)
	/tmp/x/main.go:41 +0x25
created by main.(*Search).first in goroutine 1
	/tmp/x/main.go:39 +0x6a

goroutine 8 [chan send]:
main.(*Search).first.func1(0x2)
	/tmp/x/main.go:41 +0x25
created by main.(*Search).first in goroutine 1
	/tmp/x/main.go:39 +0x6a

goroutine 9 [select]:
runtime.gopark(0x0)
	/usr/local/go/src/runtime/proc.go:435 +0xce
created by runtime.gcenable in goroutine 1
	/usr/local/go/src/runtime/mgc.go:204 +0x66
`

func TestParse(t *testing.T) {
	gs := Parse([]byte(dump))
	if len(gs) != 4 || gs[1].ID != 7 || gs[1].State != "chan send" || len(gs[1].Frames) != 2 {
		t.Fatalf("parsed %+v", gs)
	}
	if f := gs[1].Frames[0]; f != (Frame{"main.(*Search).first.func1", "/tmp/x/main.go", 41}) {
		t.Errorf("first frame %+v", f)
	}
	if c := gs[1].Frames[1]; c.Function != "main.(*Search).first" || c.Line != 39 {
		t.Errorf("creator %+v", c)
	}
	if len(Parse([]byte("not a dump\n\tat all"))) != 0 {
		t.Error("text that is not a dump gave goroutines")
	}
}

func TestGroupBy(t *testing.T) {
	groups := GroupBy(Parse([]byte(dump)), "main.")
	if len(groups) != 2 || groups[0].Count != 2 || groups[0].State != "chan send" || groups[0].At.Base() != "main.go:41" ||
		groups[1].State != "running" {
		t.Errorf("groups %+v", groups)
	}
}

func TestSource(t *testing.T) {
	path := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(path, []byte("package main\n\n\tresults <- r // the send that waits\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := (Frame{File: path, Line: 3}).Source(); got != "results <- r" {
		t.Errorf("Source() = %q", got)
	}
	if got := (Frame{File: path, Line: 9}).Source(); got != "" {
		t.Errorf("a line past the end gave %q", got)
	}
}

// Dump sees this test's own goroutine, blocked where it is.
func TestDump(t *testing.T) {
	block := make(chan int)
	done := make(chan bool)
	go func() { <-block; close(done) }()
	defer func() { close(block); <-done }()
	for range 100 {
		for _, g := range Dump() {
			if f, ok := g.Innermost("github.com/go-concurrency-lab/course/helpers/internal/stacks.TestDump"); ok && g.State == "chan receive" {
				if !strings.Contains(f.Source(), "<-block") {
					t.Errorf("source %q", f.Source())
				}
				return
			}
		}
		runtime.Gosched()
	}
	t.Error("the blocked goroutine is not in the dump")
}
