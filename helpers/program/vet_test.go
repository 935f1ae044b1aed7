package program_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/program"
)

// go vet's copylocks check finds a WaitGroup passed by value.
func ExampleVet() {
	findings, err := program.Vet(`package main

import "sync"

func worker(wg sync.WaitGroup) {
	defer wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(wg)
	wg.Wait()
}
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(findings)
	fmt.Println("exit code:", findings.ExitCode)
	// Output:
	// main.go:5:16: worker passes lock by value: sync.WaitGroup contains sync.noCopy
	// main.go:12:12: call of worker copies lock value: sync.WaitGroup contains sync.noCopy
	// exit code: 1
}

func TestVet(t *testing.T) {
	tests := []struct {
		name, source string
		want         []string // substrings of the findings, in order; nil: none
		wantErr      string   // substring of the error; "": no error
	}{
		{"empty", "  \n", nil, "program.Vet: program.Build: source is empty"},
		{"does not compile", "package main\n\nfunc main() { x := 1 }\n", nil, "declared and not used"},
		{"clean", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n", nil, ""},
		{"printf", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Printf(\"%d\\n\", \"x\") }\n",
			[]string{"fmt.Printf format %d has arg \"x\" of wrong type string"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := program.Vet(tt.source)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Vet error = %v, want one containing %q", err, tt.wantErr)
				}
				if len(f.Lines) != 0 || f.ExitCode != 0 {
					t.Errorf("Vet returned findings with an error: %+v", f)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Lines) != len(tt.want) {
				t.Fatalf("findings %q, want %d", f.Lines, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(f.Lines[i], w) {
					t.Errorf("finding %d = %q, want it to contain %q", i, f.Lines[i], w)
				}
			}
			if wantCode := min(len(tt.want), 1); f.ExitCode != wantCode {
				t.Errorf("exit code %d, want %d", f.ExitCode, wantCode)
			}
			if len(tt.want) == 0 && f.String() != "no findings" {
				t.Errorf("String() = %q, want \"no findings\"", f.String())
			}
		})
	}
}
