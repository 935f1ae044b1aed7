package gobuild

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	if _, err := Command(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module hello\n\ngo 1.22\n")
	write("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n")
	exe := filepath.Join(dir, "hello")
	if err := Build(context.Background(), dir, exe, "."); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(exe).Output(); err != nil || string(out) != "hello\n" {
		t.Errorf("the program printed %q, %v; want \"hello\\n\"", out, err)
	}

	write("main.go", "package main\n\nfunc main() { undefinedName() }\n")
	err := Build(context.Background(), dir, exe, ".")
	if err == nil || !strings.HasPrefix(err.Error(), "go build: exit status 1\n") || !strings.Contains(err.Error(), "undefinedName") {
		t.Errorf("a compile error gave %v, want go build's exit status and messages", err)
	}
}

func TestEnv(t *testing.T) {
	env := "\n" + strings.Join(Env(), "\n") + "\n"
	for _, want := range []string{"\nGOWORK=off\n", "\nGOTOOLCHAIN=local\n", "\nCGO_ENABLED=0\n", "\nGOFLAGS=\n"} {
		if !strings.Contains(env, want) {
			t.Errorf("Env lacks %q", strings.TrimSpace(want))
		}
	}
}

// Without a C compiler the race detector cannot work, and RaceReady names the
// compiler it looked for.
func TestRaceReadyNamesTheMissingCompiler(t *testing.T) {
	t.Setenv("CC", "no-such-c-compiler")
	err := RaceReady()
	if err == nil || !strings.Contains(err.Error(), `"no-such-c-compiler" was not found`) {
		t.Errorf("RaceReady() = %v, want an error naming the missing compiler", err)
	}
}
