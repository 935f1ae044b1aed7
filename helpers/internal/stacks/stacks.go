// Package stacks reads goroutine dumps: the text of runtime.Stack with all=true,
// which is also runtime/pprof's goroutine profile at debug=2. It is how the
// checks find goroutines left behind and how a notebook shows where leaked
// goroutines wait.
package stacks

import (
	"bufio"
	"bytes"
	"cmp"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID int
	// State is the runtime's word for what it does or waits for, without how
	// long it has waited: "running", "runnable", "chan send", "select", "sleep".
	State string
	// Frames are its calls, innermost first; the last one is the function that
	// started the goroutine ("created by …"), when the dump names it.
	Frames []Frame
}

// Frame is one function on a stack.
type Frame struct {
	Function string // such as "main.(*Search).first.func1", without arguments
	File     string
	Line     int
}

// Dump returns every goroutine of the program, the caller included.
func Dump() []Goroutine {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return Parse(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Parse reads a dump:
//
//	goroutine 7 [chan send, 2 minutes]:
//	main.search.func1(0x1)
//		/tmp/gonb_1234/main.go:41 +0x25
//	created by main.search in goroutine 1
//		/tmp/gonb_1234/main.go:39 +0x6a
//
// Text that is not a dump gives no goroutines.
func Parse(dump []byte) []Goroutine {
	var gs []Goroutine
	var g *Goroutine
	sc := bufio.NewScanner(bytes.NewReader(dump))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "goroutine ") && strings.HasSuffix(line, "]:"):
			idText, state, _ := strings.Cut(strings.TrimPrefix(line, "goroutine "), " [")
			id, err := strconv.Atoi(idText)
			if err != nil {
				g = nil
				continue
			}
			state, _, _ = strings.Cut(strings.TrimSuffix(state, "]:"), ",")
			gs = append(gs, Goroutine{ID: id, State: state})
			g = &gs[len(gs)-1]
		case g == nil || line == "":
		case strings.HasPrefix(line, "\t"):
			if len(g.Frames) == 0 {
				continue
			}
			fileLine, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			i := strings.LastIndex(fileLine, ":")
			if i < 0 {
				continue
			}
			f := &g.Frames[len(g.Frames)-1]
			f.File = fileLine[:i]
			f.Line, _ = strconv.Atoi(fileLine[i+1:])
		default:
			g.Frames = append(g.Frames, Frame{Function: FunctionName(line)})
		}
	}
	return gs
}

// FunctionName returns the function that a stack line names, without its
// arguments or "created by": "main.(*Bank).Transfer(0xc000012345, 0x1)" and
// "created by main.search in goroutine 1" give "main.(*Bank).Transfer" and
// "main.search".
func FunctionName(line string) string {
	function := strings.TrimPrefix(strings.TrimSpace(line), "created by ")
	function, _, _ = strings.Cut(function, " in goroutine ")
	if i := strings.LastIndex(function, "("); i > 0 && strings.HasSuffix(function, ")") {
		function = function[:i]
	}
	return function
}

// Innermost returns g's innermost frame whose function starts with one of the
// prefixes, such as "main.", and whether there is one.
func (g Goroutine) Innermost(prefixes ...string) (Frame, bool) {
	for _, f := range g.Frames {
		if f.In(prefixes...) {
			return f, true
		}
	}
	return Frame{}, false
}

// In reports whether f's function starts with one of the prefixes.
func (f Frame) In(prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(f.Function, p) })
}

// Group is a set of goroutines in the same state at the same innermost frame.
type Group struct {
	Count int
	State string
	At    Frame
}

// GroupBy groups goroutines by state and innermost frame in the prefixes'
// packages, the most crowded group first. Goroutines with no such frame are
// left out.
func GroupBy(gs []Goroutine, prefixes ...string) []Group {
	var groups []Group
	for _, g := range gs {
		at, ok := g.Innermost(prefixes...)
		if !ok {
			continue
		}
		i := slices.IndexFunc(groups, func(gr Group) bool { return gr.State == g.State && gr.At == at })
		if i < 0 {
			groups = append(groups, Group{State: g.State, At: at})
			i = len(groups) - 1
		}
		groups[i].Count++
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return cmp.Compare(b.Count, a.Count) })
	return groups
}

// files caches the lines of the source files that Source reads.
var files sync.Map // file name → []string

// Source returns f's line of source, trimmed and without a trailing "// …"
// comment, or "" when the file cannot be read.
func (f Frame) Source() string {
	v, ok := files.Load(f.File)
	if !ok {
		b, err := os.ReadFile(f.File)
		if err != nil {
			return ""
		}
		v, _ = files.LoadOrStore(f.File, strings.Split(string(b), "\n"))
	}
	lines := v.([]string)
	if f.Line < 1 || f.Line > len(lines) {
		return ""
	}
	code, _, _ := strings.Cut(lines[f.Line-1], " // ")
	return strings.TrimSpace(code)
}

// Base returns the file's name without its folder, with the line: "main.go:41".
func (f Frame) Base() string {
	return f.File[strings.LastIndex(f.File, "/")+1:] + ":" + strconv.Itoa(f.Line)
}
