// Package notebook executes the course notebooks headless and reads what they showed.
//
// [Execute] runs a notebook with the GoNB kernel through nbclient (from the project's
// Python environment) and returns the executed copy, parsed: every cell with its source,
// tags, outputs and wall time. Tests then assert on streams, text/plain, and the JSON copy
// of each chart that helpers/chart attaches to its display message.
//
// Conventions the course notebooks follow, and this package relies on:
//   - cell tags (metadata.tags) name the cells a test looks at, e.g. "racy-histogram";
//   - the setup cells carry the tag "setup";
//   - an exercise's starter cell is tagged "exercise:NAME", its check cell "check:NAME",
//     and its solution lives in notebooks/solutions/NAME.go.
package notebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Notebook is a parsed .ipynb file, executed or not.
type Notebook struct {
	Path  string
	Cells []*Cell
	// Filled in by Execute.
	Executed    string        // the executed copy's path (its name tells runs with other options apart)
	KernelStart time.Duration // from launch until the kernel answered
	Total       time.Duration // the whole run, kernel start included
	Status      string        // "ok", or why the run stopped early
	// Filled in by Execute with the bench options (see Options).
	Extra      time.Duration      // time spent in extra cells, repeats and the completion, included in Total
	Completion time.Duration      // the completion's reply time (Options.Complete)
	PeakRSS    map[string]int64   // KiB, by kind of process: see execute.py's RSSSampler
	CPU        map[string]float64 // CPU seconds: kernel, kernel_children, gopls
	raw        map[string]any
}

// Cell is one notebook cell.
type Cell struct {
	Index          int
	ID             string
	Type           string // "code", "markdown" or "raw"
	Source         string
	Tags           []string
	ExecutionCount *int
	Outputs        []Output
	Duration       time.Duration // wall time of the cell, when executed by Execute
	Started        time.Time     // when Execute started the cell (wall clock)
	Repeats        []*Cell       // the extra runs of the cell (Options.Repeat), in order
}

// Output is one output of a code cell.
type Output struct {
	Type   string                     // "stream", "display_data", "execute_result", "error"
	Name   string                     // "stdout" or "stderr" for streams
	Text   string                     // stream text
	Data   map[string]json.RawMessage // MIME bundle of display_data and execute_result
	EName  string                     // error name
	EValue string                     // error value
}

// Chart is the JSON copy of a chart that helpers/chart attaches to its display message.
type Chart struct {
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	Subtitle   string   `json:"subtitle"`
	Categories []string `json:"categories"` // the x categories of bars and lines, the bin labels of a histogram
	Series     []Series `json:"series"`
	// Data holds what the cell added with chart.WithData, by name: numbers measured
	// beside what the chart draws.
	Data   map[string]json.RawMessage `json:"data"`
	Option json.RawMessage            `json:"option"`
}

// Series is one plotted series of a Chart.
type Series struct {
	Name string          `json:"name"`
	Data json.RawMessage `json:"data"`
	// Low and High bound each value of a bars or lines series (its confidence
	// interval), when the series has them.
	Low  []float64 `json:"low"`
	High []float64 `json:"high"`
}

// ChartMIME is the MIME type of the chart copy; it matches helpers/internal/display.Chart.
const ChartMIME = "application/vnd.go-concurrency-lab.chart+json"

// Read parses the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Cells []struct {
			ID             string                       `json:"id"`
			CellType       string                       `json:"cell_type"`
			Source         multiline                    `json:"source"`
			ExecutionCount *int                         `json:"execution_count"`
			Metadata       map[string]json.RawMessage   `json:"metadata"`
			Outputs        []map[string]json.RawMessage `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	nb := &Notebook{Path: path}
	if err := json.Unmarshal(b, &nb.raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, rc := range raw.Cells {
		c := &Cell{Index: i, ID: rc.ID, Type: rc.CellType, Source: string(rc.Source), ExecutionCount: rc.ExecutionCount}
		if t, ok := rc.Metadata["tags"]; ok {
			if err := json.Unmarshal(t, &c.Tags); err != nil {
				return nil, fmt.Errorf("%s: cell %d: tags: %w", path, i, err)
			}
		}
		if g, ok := rc.Metadata["golab"]; ok {
			var timing runTiming
			if json.Unmarshal(g, &timing) == nil {
				c.Duration, c.Started = seconds(timing.Seconds), unixSeconds(timing.Started)
				for _, r := range timing.Repeats {
					again := &Cell{Index: i, ID: c.ID, Type: c.Type, Source: c.Source, Tags: c.Tags,
						Duration: seconds(r.Seconds), Started: unixSeconds(r.Started)}
					if again.Outputs, err = parseOutputs(r.Outputs); err != nil {
						return nil, fmt.Errorf("%s: cell %d: repeat: %w", path, i, err)
					}
					c.Repeats = append(c.Repeats, again)
				}
			}
		}
		if c.Outputs, err = parseOutputs(rc.Outputs); err != nil {
			return nil, fmt.Errorf("%s: cell %d: %w", path, i, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	if md, ok := nb.raw["metadata"].(map[string]any); ok {
		if g, ok := md["golab"].(map[string]any); ok {
			nb.KernelStart = seconds(number(g["kernel_start_seconds"]))
			nb.Total = seconds(number(g["total_seconds"]))
			nb.Status, _ = g["status"].(string)
			nb.Extra, nb.Completion = seconds(number(g["extra_seconds"])), seconds(number(g["complete_seconds"]))
			if rss, ok := g["rss_kib"].(map[string]any); ok {
				nb.PeakRSS = map[string]int64{}
				for k, v := range rss {
					nb.PeakRSS[k] = int64(number(v))
				}
			}
			if cpu, ok := g["cpu_seconds"].(map[string]any); ok {
				nb.CPU = map[string]float64{}
				for k, v := range cpu {
					nb.CPU[k] = number(v)
				}
			}
		}
	}
	return nb, nil
}

// runTiming is what execute.py writes into cell.metadata.golab.
type runTiming struct {
	Seconds float64
	Started float64
	Repeats []struct {
		Seconds float64
		Started float64
		Outputs []map[string]json.RawMessage
	}
}

func parseOutputs(raw []map[string]json.RawMessage) ([]Output, error) {
	var out []Output
	for _, ro := range raw {
		o, err := parseOutput(ro)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

func parseOutput(ro map[string]json.RawMessage) (Output, error) {
	var o Output
	str := func(key string, dst *string) error {
		if v, ok := ro[key]; ok {
			return json.Unmarshal(v, dst)
		}
		return nil
	}
	var text multiline
	if v, ok := ro["text"]; ok {
		if err := json.Unmarshal(v, &text); err != nil {
			return o, err
		}
	}
	o.Text = string(text)
	if err := errors.Join(str("output_type", &o.Type), str("name", &o.Name), str("ename", &o.EName), str("evalue", &o.EValue)); err != nil {
		return o, err
	}
	if v, ok := ro["data"]; ok {
		if err := json.Unmarshal(v, &o.Data); err != nil {
			return o, err
		}
	}
	return o, nil
}

// multiline is nbformat's string-or-list-of-strings.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		return err
	}
	*m = multiline(strings.Join(parts, ""))
	return nil
}

func number(v any) float64 {
	f, _ := v.(float64)
	return f
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func unixSeconds(s float64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64(math.Round((s-sec)*1e6))*1000) // execute.py keeps microseconds
}

// HasTag reports whether the cell carries tag.
func (c *Cell) HasTag(tag string) bool { return slices.Contains(c.Tags, tag) }

// Stream returns the concatenated text the cell wrote to the named stream ("stdout" or
// "stderr"), without terminal colour codes (see PlainText).
func (c *Cell) Stream(name string) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == name {
			b.WriteString(o.Text)
		}
	}
	return PlainText(b.String())
}

// Stdout returns what the cell printed to standard output.
func (c *Cell) Stdout() string { return c.Stream("stdout") }

// Text returns everything a terminal would show for the cell: both streams and the
// text/plain of every display, in order, without terminal colour codes (see PlainText).
func (c *Cell) Text() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		switch o.Type {
		case "stream":
			b.WriteString(o.Text)
		case "display_data", "execute_result":
			if raw, ok := o.Data["text/plain"]; ok {
				var m multiline
				if json.Unmarshal(raw, &m) == nil {
					b.WriteString(string(m))
					b.WriteString("\n")
				}
			}
		case "error":
			fmt.Fprintf(&b, "%s: %s\n", o.EName, o.EValue)
		}
	}
	return PlainText(b.String())
}

// ansiCodes matches the terminal colour and highlight codes (ANSI SGR sequences)
// that GoNB and the race detector put into text, and JupyterLab renders.
var ansiCodes = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// PlainText returns s without terminal colour and highlight codes: the text as a
// reader sees it, which is what tests and reports match against.
func PlainText(s string) string { return ansiCodes.ReplaceAllString(s, "") }

// Charts returns the charts the cell displayed, in order.
func (c *Cell) Charts() ([]Chart, error) {
	var charts []Chart
	for _, o := range c.Outputs {
		raw, ok := o.Data[ChartMIME]
		if !ok {
			continue
		}
		// GoNB passes the chart's JSON through as a string; accept an object too.
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = json.RawMessage(s)
		}
		var ch Chart
		if err := json.Unmarshal(raw, &ch); err != nil {
			return nil, fmt.Errorf("cell %d: chart JSON: %w", c.Index, err)
		}
		charts = append(charts, ch)
	}
	return charts, nil
}

// Floats decodes a series' data as numbers; null entries (gaps) become NaN.
func (s Series) Floats() ([]float64, error) {
	var vals []*float64
	if err := json.Unmarshal(s.Data, &vals); err != nil {
		return nil, fmt.Errorf("series %q: data is not a list of numbers: %w", s.Name, err)
	}
	out := make([]float64, len(vals))
	for i, v := range vals {
		if v == nil {
			out[i] = nan()
		} else {
			out[i] = *v
		}
	}
	return out, nil
}

// SeriesNamed returns the series called name.
func (ch Chart) SeriesNamed(name string) (Series, bool) {
	for _, s := range ch.Series {
		if s.Name == name {
			return s, true
		}
	}
	return Series{}, false
}

// SeriesNames returns the names of the chart's series, in order: what an error
// about a missing series lists.
func (ch Chart) SeriesNames() []string {
	names := make([]string, len(ch.Series))
	for i, s := range ch.Series {
		names[i] = s.Name
	}
	return names
}

// Tagged returns the one cell carrying tag.
func (nb *Notebook) Tagged(tag string) (*Cell, error) {
	var found []*Cell
	for _, c := range nb.Cells {
		if c.HasTag(tag) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("%s: no cell tagged %q", nb.Path, tag)
	default:
		return nil, fmt.Errorf("%s: %d cells tagged %q, want 1", nb.Path, len(found), tag)
	}
}

// FirstDifference compares nb's cells with other's, kind and source, whatever their
// outputs (is an executed copy a run of nb?). It returns -1 when they are the same, else
// the index of the first cell that differs or that only one of them has.
func (nb *Notebook) FirstDifference(other *Notebook) int {
	for i := range max(len(nb.Cells), len(other.Cells)) {
		if i >= len(nb.Cells) || i >= len(other.Cells) ||
			nb.Cells[i].Type != other.Cells[i].Type || nb.Cells[i].Source != other.Cells[i].Source {
			return i
		}
	}
	return -1
}

// CodeCells returns the code cells in order.
func (nb *Notebook) CodeCells() []*Cell {
	var out []*Cell
	for _, c := range nb.Cells {
		if c.Type == "code" {
			out = append(out, c)
		}
	}
	return out
}

// exitStatus matches what GoNB prints when a cell's program or shell command fails.
var exitStatus = regexp.MustCompile(`(?m)^exit status \d+$`)

// Problems lists everything that went wrong in an executed notebook: a run that stopped
// early, code cells that did not run, error outputs, and programs that exited non-zero.
// An empty list means every cell ran cleanly.
func (nb *Notebook) Problems() []string {
	var out []string
	if nb.Status != "" && nb.Status != "ok" {
		out = append(out, "run stopped: "+nb.Status)
	}
	for _, c := range nb.CodeCells() {
		where := fmt.Sprintf("cell %d (%s)", c.Index, firstLine(c.Source))
		if c.ExecutionCount == nil {
			out = append(out, where+": did not run")
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				out = append(out, fmt.Sprintf("%s: error output %s: %s\n%s", where, o.EName, o.EValue, c.Text()))
			}
		}
		if exitStatus.MatchString(c.Stream("stderr")) {
			out = append(out, fmt.Sprintf("%s: a program exited non-zero:\n%s", where, c.Text()))
		}
	}
	return out
}

// Stripped returns an error naming the first code cell that holds outputs or an
// execution count: committed notebooks are saved without them.
func (nb *Notebook) Stripped() error {
	for _, c := range nb.CodeCells() {
		if len(c.Outputs) > 0 || c.ExecutionCount != nil {
			return fmt.Errorf("%s: cell %d (%s) is saved with outputs or an execution count; "+
				"clear them (Edit > Clear Outputs of All Cells) and save again", nb.Path, c.Index, firstLine(c.Source))
		}
	}
	return nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
