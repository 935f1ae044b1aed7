package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/internal/gobuild"
)

func TestParseRaces(t *testing.T) {
	b, err := os.ReadFile("testdata/race.log")
	if err != nil {
		t.Fatal(err)
	}
	// The log's source file is gone, so the places are files and lines.
	want := []string{
		"a read at main.go:16 in (*Bank).Transfer and a write at main.go:21 in (*Bank).Transfer, by two goroutines with nothing ordering them",
		"a read at main.go:16 in (*Bank).Transfer and a write at main.go:22 in (*Bank).Transfer, by two goroutines with nothing ordering them",
	}
	t.Setenv(gonbTempDir, "/tmp/gonb_cell") // the log's folder: its places are in a cell
	var got, cells []string
	for _, r := range parseRaces(string(b)) {
		got = append(got, r.text)
		cells = append(cells, strings.Join(r.cells, " | "))
	}
	if want := "the read   /tmp/gonb_cell/main.go:16 | the write   /tmp/gonb_cell/main.go:21"; len(cells) == 0 || cells[0] != want {
		t.Errorf("cells %q, want the first to be %q", cells, want)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A cell's program with a check-then-act race: the totals come out right, the race
// detector does not. (A race in the cell before the check is left out.) The test builds it as GoNB would, then runs it with
// GONB_TMP_DIR set, so that the check rebuilds it with -race.
func TestRaceDetectorFindsCheckThenAct(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	if err := gobuild.RaceReady(); err != nil {
		t.Skip(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod")) // the course's requirements, as GoNB's go get would add them
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": strings.Replace(string(mod), "module github.com/go-concurrency-lab/course", "module cell", 1) +
			"\nrequire github.com/go-concurrency-lab/course v0.0.0\n\nreplace github.com/go-concurrency-lab/course => " + root + "\n",
		"go.sum": string(sum),
		"main.go": `package main

import (
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

type bank struct {
	mu       sync.Mutex
	balances []int
}

func (b *bank) transfer(from, to, amount int) {
	if b.balances[from] < amount { // checked outside the lock
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.balances[from] -= amount
	b.balances[to] += amount
}

func main() {
	before := 0 // a race before the check, which is not the check's to report
	go func() { before++ }()
	time.Sleep(10 * time.Millisecond) // the write happens now; nothing orders it before the read
	println(before)
	check.Exact("bank", check.Spec{Trials: 20, RaceDetector: true}, 200, func() int {
		b := &bank{balances: []int{100, 100}}
		var wg sync.WaitGroup
		for t := range 2 {
			wg.Go(func() {
				for i := range 100 {
					b.transfer((t+i)%2, (t+i+1)%2, 1)
				}
			})
		}
		wg.Wait()
		return b.balances[0] + b.balances[1]
	})
}
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe := filepath.Join(dir, "cell")
	if err := gobuild.Build(t.Context(), dir, exe, "."); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), gonbTempDir+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	text := string(out)
	if strings.Contains(text, "println(before)") {
		t.Errorf("the race before the check was reported:\n%s", text)
	}
	for _, want := range []string{
		"FAIL: bank: the race detector found ",
		"a read at `if b.balances[from] < amount {` in (*bank).transfer",
		"Hint: " + hintRace,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// Outside a notebook the check cannot rebuild the code, and says so: on the PASS
// line, and on its own line after a FAIL, instead of suggesting the detector.
func TestRaceDetectorOffSaysWhy(t *testing.T) {
	t.Setenv(gonbTempDir, "")
	note := "race detector off: outside a notebook cell"
	if raceEnabled { // go test -race: the detector is on in this very process
		note = "race detector on (built with -race)"
	}
	out := capture(t)
	v := Exact("sum", Spec{Trials: 2, Procs: []int{1}, RaceDetector: true}, 2, func() int { return 2 })
	if want := "PASS: sum: 2/2 trials gave 2 (GOMAXPROCS 1; 2 trials); " + note; !strings.HasPrefix(v.Line, want) {
		t.Errorf("got %q, want it to start with %q", v.Line, want)
	}
	out.Reset()
	v = Exact("sum", Spec{Trials: 2, Procs: []int{1}, RaceDetector: true}, 2, func() int { return 3 })
	ls := lines(t, out, v)
	if !hasLine(ls, "Race detector: "+strings.TrimPrefix(note, "race detector ")) || hasLine(ls, "Second opinion") {
		t.Errorf("got:\n%s", out)
	}
}
