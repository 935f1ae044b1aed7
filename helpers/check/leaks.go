package check

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// leakGrace is how long a check with Spec.NoLeaks waits, after a trial returns,
// for the goroutines the trial started to end. A goroutine still there after it
// is reported as left behind.
const leakGrace = 250 * time.Millisecond

// leftBehind describes the goroutines a trial left behind.
type leftBehind struct {
	count  int
	places []place // where they wait, the most crowded first
}

// place is where some of the goroutines left behind wait.
type place struct {
	count int
	state string // the goroutine's state, such as "chan send"
	at    string // the learner's line, such as "`results <- r` (main.go:41, in firstResult.func1)"
}

// String says, for example, "left 3 goroutines behind, still there 250ms after it
// returned: 3 blocked in chan send at `results <- r` in firstResult.func1".
func (l *leftBehind) String() string {
	parts := make([]string, len(l.places))
	for i, p := range l.places {
		switch p.state {
		case "running", "runnable":
			parts[i] = fmt.Sprintf("%d still running at %s", p.count, p.at)
		default:
			parts[i] = fmt.Sprintf("%d blocked in %s at %s", p.count, p.state, p.at)
		}
	}
	return fmt.Sprintf("left %d goroutine%s behind, still there %v after it returned: %s",
		l.count, plural(l.count), leakGrace, strings.Join(parts, "; "))
}

// goroutineIDs returns the ids of the goroutines that exist now.
func goroutineIDs() map[int]bool {
	ids := map[int]bool{}
	for _, g := range goroutines() {
		ids[g.id] = true
	}
	return ids
}

// leftSince waits up to leakGrace for the learner's goroutines that are not in
// before to end, and returns the ones still there, or nil.
func leftSince(before map[int]bool) *leftBehind {
	deadline := time.Now().Add(leakGrace)
	for {
		var left []goroutine
		if runtime.NumGoroutine() > len(before) {
			for _, g := range goroutines() {
				if !before[g.id] && g.learners() {
					left = append(left, g)
				}
			}
		}
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return summarize(left)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// summarize groups goroutines by state and place.
func summarize(gs []goroutine) *leftBehind {
	l := &leftBehind{count: len(gs)}
	index := map[[2]string]int{}
	for _, g := range gs {
		k := [2]string{g.state, g.where()}
		i, ok := index[k]
		if !ok {
			i = len(l.places)
			index[k] = i
			l.places = append(l.places, place{state: k[0], at: k[1]})
		}
		l.places[i].count++
	}
	slices.SortStableFunc(l.places, func(a, b place) int { return b.count - a.count })
	return l
}

// goroutine is one goroutine of a goroutine dump.
type goroutine struct {
	id     int
	state  string  // such as "chan send", without the wait time
	frames []frame // innermost first; the last may be the "created by" frame
}

// frame is one function of a stack.
type frame struct {
	function string // such as "main.firstResult.func1"
	file     string
	line     int
}

// learnerPackages are the prefixes of the functions the learner wrote: a notebook
// cell's program is package main. (Tests add their own package.)
var learnerPackages = []string{"main."}

// learners reports whether any frame of g, its creator included, is the learner's code.
func (g goroutine) learners() bool {
	return slices.ContainsFunc(g.frames, func(f frame) bool { return isLearners(f.function) })
}

func isLearners(function string) bool {
	return slices.ContainsFunc(learnerPackages, func(p string) bool { return strings.HasPrefix(function, p) })
}

// where names the innermost frame of the learner's code: its source line, its
// file and line number, and its function.
func (g goroutine) where() string {
	for _, f := range g.frames {
		if isLearners(f.function) {
			return f.describe()
		}
	}
	return "an unknown place"
}

// describe says "`results <- r` in firstResult.func1", the source line and its
// function; with the file and line, "(worker.go:41)", when the file is not the
// main.go that GoNB writes for a cell (which the learner never sees), or alone
// when the source cannot be read.
func (f frame) describe() string {
	name := f.function
	for _, p := range learnerPackages {
		name = strings.TrimPrefix(name, p)
	}
	src := sourceLine(f.file, f.line)
	at := fmt.Sprintf("%s:%d", baseName(f.file), f.line)
	dir := os.Getenv(gonbTempDir)
	switch {
	case src == "":
		return fmt.Sprintf("%s in %s", at, name)
	case dir != "" && strings.HasPrefix(f.file, dir):
		return fmt.Sprintf("`%s` in %s", src, name)
	}
	return fmt.Sprintf("`%s` in %s (%s)", src, name, at)
}

func baseName(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// sourceLines caches the lines of the files that reports quote.
var sourceLines sync.Map // file name → []string

// sourceLine returns line n of file, trimmed, or "" if it cannot be read.
func sourceLine(file string, n int) string {
	v, ok := sourceLines.Load(file)
	if !ok {
		b, err := os.ReadFile(file)
		if err != nil {
			return ""
		}
		v, _ = sourceLines.LoadOrStore(file, strings.Split(string(b), "\n"))
	}
	lines := v.([]string)
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}

// goroutines returns every goroutine of the program, from runtime.Stack.
func goroutines() []goroutine {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parseGoroutines(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parseGoroutines reads a dump in runtime.Stack's format:
//
//	goroutine 7 [chan send, 2 minutes]:
//	main.firstResult.func1()
//		/tmp/gonb_1234/main.go:41 +0x25
//	created by main.firstResult in goroutine 1
//		/tmp/gonb_1234/main.go:39 +0x6a
func parseGoroutines(dump []byte) []goroutine {
	var gs []goroutine
	var g *goroutine
	sc := bufio.NewScanner(bytes.NewReader(dump))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "goroutine "):
			head, _, _ := strings.Cut(strings.TrimPrefix(line, "goroutine "), ":")
			idText, state, _ := strings.Cut(head, " [")
			id, err := strconv.Atoi(idText)
			if err != nil {
				g = nil
				continue
			}
			state, _, _ = strings.Cut(strings.TrimSuffix(state, "]"), ",")
			gs = append(gs, goroutine{id: id, state: state})
			g = &gs[len(gs)-1]
		case g == nil || line == "":
		case strings.HasPrefix(line, "\t"):
			if len(g.frames) == 0 {
				continue
			}
			fileLine, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			i := strings.LastIndex(fileLine, ":")
			if i < 0 {
				continue
			}
			f := &g.frames[len(g.frames)-1]
			f.file = fileLine[:i]
			f.line, _ = strconv.Atoi(fileLine[i+1:])
		default:
			function := strings.TrimPrefix(line, "created by ")
			function, _, _ = strings.Cut(function, " in goroutine ")
			if i := strings.LastIndex(function, "("); i > 0 && strings.HasSuffix(function, ")") {
				function = function[:i] // drop the arguments
			}
			g.frames = append(g.frames, frame{function: function})
		}
	}
	return gs
}
