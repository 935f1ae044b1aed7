package lab_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

const profile07 = `goroutine 1 [running]:
main.main()
	/tmp/gonb_1/main.go:30 +0x5c

goroutine 7 [chan send, 2 minutes]:
main.search.func1()
	/tmp/gonb_1/main.go:12 +0x35
created by main.search in goroutine 1
	/tmp/gonb_1/main.go:11 +0x6a

goroutine 8 [chan send]:
main.search.func1()
	/tmp/gonb_1/main.go:12 +0x35
created by main.search in goroutine 1
	/tmp/gonb_1/main.go:11 +0x6a

goroutine 9 [select]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:435 +0xce
main.replica({0x4d1234, 0x3}, 0x2)
	/tmp/gonb_1/main.go:20 +0x99
main.searchWithContext.func1()
	/tmp/gonb_1/main.go:25 +0x40

goroutine 3 [GC worker (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:435 +0xce
`

func TestParseBlocked(t *testing.T) {
	got := lab.ParseBlocked(profile07)
	want := []string{
		"2 goroutines in chan send at main.go:12 (search.func1)",
		"1 goroutine in select at main.go:20 (replica)",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d groups %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("group %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if len(lab.ParseBlocked("not a profile\n\tat all")) != 0 {
		t.Error("text that is no profile gave groups")
	}
}

// TestWhereBlocked leaves goroutines blocked in a channel send of this test
// package: WhereBlocked counts goroutines of package main only, and a test
// binary's package main is the generated one, so this checks that it runs and
// leaves the test's goroutines out.
func TestWhereBlocked(t *testing.T) {
	stuck := make(chan int)
	defer close(stuck)
	for range 3 {
		go func() { <-stuck }()
	}
	time.Sleep(10 * time.Millisecond)
	for _, b := range lab.WhereBlocked() {
		if strings.Contains(b.Function, "TestWhereBlocked") {
			t.Errorf("a goroutine outside package main was counted: %v", b)
		}
	}
}

func TestParseBlockedQuotesTheSource(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "main.go")
	if err := os.WriteFile(file, []byte("package main\n\nfunc f() {\n\t\tresults <- r // blocks\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "goroutine 7 [chan send]:\nmain.f.func1()\n\t" + file + ":4 +0x35\n"
	got := lab.ParseBlocked(profile)
	if len(got) != 1 || got[0].Code != "results <- r" {
		t.Fatalf("got %v, want one group quoting `results <- r`", got)
	}
	if want := "1 goroutine in chan send at `results <- r` (f.func1, main.go:4)"; got[0].String() != want {
		t.Errorf("got %q, want %q", got[0].String(), want)
	}
}
