package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Headline is a measurement a notebook tells the learner, read as data from the charts
// of the cell with Tag: the JSON copy helpers/chart attaches to every chart it shows
// (series names, categories, values, confidence intervals, and what the cell added with
// chart.WithData), never from the sentences the cell prints, so that rewording a
// sentence cannot change or lose a headline. The bench runs that cell five times in a
// row and reports each value's spread.
type Headline struct {
	Notebook string // the notebook's file name starts with this, e.g. "01_"
	Tag      string // the cell's tag
	What     string // what is measured, for the report
	// Needs says what the cell must show for Read, for the report's note when it
	// does not.
	Needs string
	// Share marks a share of trials in percent, such as the trials that lost
	// updates. Its spread is judged in percentage points, max − min, against
	// PointsLimit: the relative spread of a share divides by its median, which
	// for a rare event is near 0 (and at 0 undefined), so it flags a move from
	// 1% to 2% of trials as a 100% spread.
	Share bool
	// Verdict marks a comparison the notebook draws, such as "RWMutex vs
	// Mutex: faster". Its values are +1 (faster), 0 (a tie) and −1 (slower),
	// and it is flagged only when runs contradict each other: faster in one
	// run and slower in another. A win in one run and a tie in the next is
	// not a contradiction: a tie says the run could not tell them apart.
	Verdict bool
	// Read takes the named values from the charts one run of the cell showed.
	// It returns an error that names what is missing (a series, the chart
	// data) when the charts lack it.
	Read func(charts []notebook.Chart) ([]Sample, error)
}

// Sample is one value read from a headline cell's charts.
type Sample struct {
	Name  string
	Value float64
	Unit  string
}

// Names of the series and data the headline cells show.
const (
	waitBound = "wait-bound" // 01's speed-up lines
	cpuBound  = "CPU-bound"
	// lostData is the chart.WithData name under which 04's racy-histogram cell
	// carries its shares of trials that lost updates, by series (GOMAXPROCS
	// setting), each as a stats.Share {"Hits": …, "Total": …}.
	lostData = "trials that lost updates"
	// lockBaseline is the contender 05's verdicts compare with, lockKinds the
	// contenders of its throughput charts.
	lockBaseline = "Mutex"
)

var lockKinds = []string{"Mutex", "RWMutex", "atomic.Pointer"}

// Headlines are the course's headline measurements: the speed-up in 01, the share of
// trials that lost updates in 04, the lock throughput in 05 and the verdicts drawn from it.
var Headlines = []Headline{
	{
		Notebook: "01_", Tag: "speedup", What: "speed-up",
		Needs: `a chart with the series "wait-bound" and "CPU-bound", one value per GOMAXPROCS category`,
		Read:  readSpeedUps,
	},
	{
		Notebook: "04_", Tag: "racy-histogram", What: "lost-update share", Share: true,
		Needs: fmt.Sprintf("a chart carrying chart.WithData(%q, map of series name to stats.Share)", lostData),
		Read:  readLostData,
	},
	{
		Notebook: "04_", Tag: "widened", What: "lost-update share", Share: true,
		Needs: `a bars chart with series "GOMAXPROCS=N" of percentages, one per racy program (category)`,
		Read:  readLostBars,
	},
	{
		Notebook: "05_", Tag: "throughput", What: "lock throughput",
		Needs: `charts with the series "Mutex", "RWMutex" and "atomic.Pointer", one per read section`,
		Read:  readThroughput,
	},
	{
		Notebook: "05_", Tag: "throughput", What: "lock verdict", Verdict: true,
		Needs: `charts with the series "Mutex", "RWMutex" and "atomic.Pointer" and their confidence intervals (low, high)`,
		Read:  readVerdicts,
	},
}

// verdictWords are the words of a Headline.Verdict's values.
var verdictWords = map[float64]string{1: "faster", 0: "tie", -1: "slower"}

// readSpeedUps reads 01's speed-ups: for each GOMAXPROCS category of the speed-up
// chart, the wait-bound and the CPU-bound median.
func readSpeedUps(charts []notebook.Chart) ([]Sample, error) {
	ch, err := chartWith(charts, waitBound, cpuBound)
	if err != nil {
		return nil, err
	}
	wait, err := values(ch, waitBound)
	if err != nil {
		return nil, err
	}
	cpu, err := values(ch, cpuBound)
	if err != nil {
		return nil, err
	}
	if len(ch.Categories) == 0 {
		return nil, fmt.Errorf("chart %q has no GOMAXPROCS categories", ch.Title)
	}
	var out []Sample
	for i, procs := range ch.Categories {
		out = append(out,
			Sample{"wait-bound speed-up, GOMAXPROCS=" + procs, wait[i], "×"},
			Sample{"CPU-bound speed-up, GOMAXPROCS=" + procs, cpu[i], "×"})
	}
	return out, nil
}

// readLostData reads 04's racy-histogram shares from the chart data lostData, in the
// order of the chart's series (then any other settings, by name).
func readLostData(charts []notebook.Chart) ([]Sample, error) {
	var titles []string
	for _, ch := range charts {
		raw, ok := ch.Data[lostData]
		if !ok {
			titles = append(titles, fmt.Sprintf("%q", ch.Title))
			continue
		}
		var shares map[string]struct{ Hits, Total int }
		if err := json.Unmarshal(raw, &shares); err != nil {
			return nil, fmt.Errorf("chart %q: data %q is not a map of shares {\"Hits\", \"Total\"}: %w", ch.Title, lostData, err)
		}
		var order []string
		for _, s := range ch.Series {
			if _, ok := shares[s.Name]; ok {
				order = append(order, s.Name)
			}
		}
		var rest []string
		for name := range shares {
			if !slices.Contains(order, name) {
				rest = append(rest, name)
			}
		}
		sort.Strings(rest)
		var out []Sample
		for _, name := range append(order, rest...) {
			s, value := shares[name], math.NaN()
			if s.Total > 0 {
				value = 100 * float64(s.Hits) / float64(s.Total)
			}
			out = append(out, Sample{"racy counter, trials that lost updates, " + name, value, "%"})
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("chart %q: data %q holds no shares", ch.Title, lostData)
		}
		return out, nil
	}
	return nil, fmt.Errorf("no chart carries the data %q (charts: %s)", lostData, orNone(titles))
}

// readLostBars reads 04's widened shares: every bar of the series named GOMAXPROCS=N,
// a percentage per racy program.
func readLostBars(charts []notebook.Chart) ([]Sample, error) {
	var seen []string
	for _, ch := range charts {
		var out []Sample
		for _, s := range ch.Series {
			seen = append(seen, fmt.Sprintf("%q", s.Name))
			if !strings.HasPrefix(s.Name, "GOMAXPROCS=") {
				continue
			}
			v, err := values(ch, s.Name)
			if err != nil {
				return nil, err
			}
			for i, program := range ch.Categories {
				out = append(out, Sample{fmt.Sprintf("%s, trials that lost updates, %s", program, s.Name), v[i], "%"})
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("no chart has a series named GOMAXPROCS=N (series: %s)", orNone(seen))
}

// readThroughput reads 05's medians: for each throughput chart (one per read section)
// and read share, the millions of operations per second of every contender.
func readThroughput(charts []notebook.Chart) ([]Sample, error) {
	return eachLockPoint(charts, func(row, column string, ch notebook.Chart, i int, v map[string][]float64) []Sample {
		var out []Sample
		for _, kind := range lockKinds {
			out = append(out, Sample{fmt.Sprintf("%s, %s, %s", kind, row, column), v[kind][i], "M ops/s"})
		}
		return out
	})
}

// readVerdicts derives 05's verdicts as the notebook does (throughput's Verdict): a
// contender is faster than Mutex when the 95% confidence interval of its median lies
// wholly above Mutex's, slower when wholly below, and ties otherwise. The charts carry
// the intervals divided by the grid's scale; dividing both sides by the same positive
// number keeps every comparison (up to rounding in the last bit).
func readVerdicts(charts []notebook.Chart) ([]Sample, error) {
	for _, ch := range charts {
		for _, kind := range lockKinds {
			if s, ok := ch.SeriesNamed(kind); ok && (len(s.Low) != len(ch.Categories) || len(s.High) != len(ch.Categories)) {
				return nil, fmt.Errorf("chart %q: series %q has no confidence intervals (low, high) to judge by", ch.Title, kind)
			}
		}
	}
	return eachLockPoint(charts, func(row, column string, ch notebook.Chart, i int, _ map[string][]float64) []Sample {
		base, _ := ch.SeriesNamed(lockBaseline)
		var out []Sample
		for _, kind := range lockKinds {
			if kind == lockBaseline {
				continue
			}
			s, _ := ch.SeriesNamed(kind)
			verdict := 0.0
			switch {
			case s.Low[i] > base.High[i]:
				verdict = 1
			case s.High[i] < base.Low[i]:
				verdict = -1
			}
			out = append(out, Sample{fmt.Sprintf("%s vs %s, %s, %s", kind, lockBaseline, row, column), verdict, "verdict"})
		}
		return out
	})
}

// eachLockPoint calls point for every category (read share) of every chart of the cell
// that has all lockKinds as series, with the chart's row (see rowName) and the values
// of the series.
func eachLockPoint(charts []notebook.Chart, point func(row, column string, ch notebook.Chart, i int, v map[string][]float64) []Sample) ([]Sample, error) {
	var out []Sample
	var lacking []error
	for n, ch := range charts {
		v := map[string][]float64{}
		var err error
		for _, kind := range lockKinds {
			if v[kind], err = values(ch, kind); err != nil {
				break
			}
		}
		if err != nil {
			lacking = append(lacking, err)
			continue
		}
		for i, column := range ch.Categories {
			out = append(out, point(rowName(ch, n), column, ch, i, v)...)
		}
	}
	if len(out) == 0 {
		if len(lacking) == 0 {
			return nil, errors.New("the cell showed no chart")
		}
		return nil, joinErrors(lacking)
	}
	return out, nil
}

// rowName names the row of the grid a 05 throughput chart shows: the part of its title
// after the last ": " (throughput's Result.Show appends ": " and the row's name to the
// title), or "chart N" when the title has no colon.
func rowName(ch notebook.Chart, n int) string {
	if i := strings.LastIndex(ch.Title, ": "); i >= 0 && i+2 < len(ch.Title) {
		return ch.Title[i+2:]
	}
	return fmt.Sprintf("chart %d", n+1)
}

// chartWith returns the first chart that has all the named series.
func chartWith(charts []notebook.Chart, names ...string) (notebook.Chart, error) {
	var errs []error
	for _, ch := range charts {
		var missing []string
		for _, name := range names {
			if _, ok := ch.SeriesNamed(name); !ok {
				missing = append(missing, fmt.Sprintf("%q", name))
			}
		}
		if len(missing) == 0 {
			return ch, nil
		}
		errs = append(errs, fmt.Errorf("chart %q has no series %s (it has %s)", ch.Title, strings.Join(missing, ", "), seriesNames(ch)))
	}
	if len(errs) == 0 {
		return notebook.Chart{}, errors.New("the cell showed no chart")
	}
	return notebook.Chart{}, joinErrors(errs)
}

// values returns the named series of ch as numbers, one per category.
func values(ch notebook.Chart, name string) ([]float64, error) {
	s, ok := ch.SeriesNamed(name)
	if !ok {
		return nil, fmt.Errorf("chart %q has no series %q (it has %s)", ch.Title, name, seriesNames(ch))
	}
	v, err := s.Floats()
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", ch.Title, err)
	}
	if len(v) != len(ch.Categories) {
		return nil, fmt.Errorf("chart %q: series %q has %d values for %d categories", ch.Title, name, len(v), len(ch.Categories))
	}
	return v, nil
}

// joinErrors joins errs on one line, for a note in a table.
func joinErrors(errs []error) error {
	msgs := make([]string, len(errs))
	for i, err := range errs {
		msgs[i] = err.Error()
	}
	return errors.New(strings.Join(msgs, "; "))
}

func seriesNames(ch notebook.Chart) string {
	var names []string
	for _, name := range ch.SeriesNames() {
		names = append(names, fmt.Sprintf("%q", name))
	}
	return orNone(names)
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// read reads the headline's values from one run of its cell: the charts it showed.
func (h Headline) read(c *notebook.Cell) ([]Sample, error) {
	charts, err := c.Charts()
	if err != nil {
		return nil, err
	}
	return h.Read(charts)
}

// Stability is the spread of one headline value over the repeated runs of its cell.
type Stability struct {
	Notebook string    `json:"notebook"`
	Tag      string    `json:"tag"`
	What     string    `json:"what"`
	Name     string    `json:"name,omitempty"`
	Unit     string    `json:"unit,omitempty"`
	Values   []float64 `json:"values,omitempty"`
	Median   float64   `json:"median,omitempty"`
	Min      float64   `json:"min,omitempty"`
	Max      float64   `json:"max,omitempty"`
	// RelativeSpread is (max − min) / median; nil when undefined (median 0).
	RelativeSpread *float64 `json:"relative_spread"`
	// PointSpread is max − min, for a share in percent (Headline.Share); nil otherwise.
	PointSpread *float64 `json:"point_spread,omitempty"`
	// Verdict marks a comparison (Headline.Verdict): Values are +1 faster, 0 tie, −1 slower.
	Verdict bool   `json:"verdict,omitempty"`
	Flagged bool   `json:"flagged"`
	Note    string `json:"note,omitempty"`
}

// SpreadLimit is the relative spread above which a headline value is flagged.
const SpreadLimit = 0.15

// PointsLimit is the spread, in percentage points, above which a share is flagged.
const PointsLimit = 15.0

// Stabilities reads every headline of an executed notebook from the charts of its tagged
// cell and of the cell's repeats (notebook.Options.Repeat), and computes each value's
// spread. A notebook without the tagged cell, or whose cell shows no chart data the
// headline can read, gets one flagged entry with a Note that says what is missing.
func Stabilities(nb *notebook.Notebook) []Stability {
	var out []Stability
	name := filepath.Base(nb.Path)
	for _, h := range Headlines {
		if !strings.HasPrefix(name, h.Notebook) {
			continue
		}
		missing := Stability{Notebook: name, Tag: h.Tag, What: h.What, Flagged: true}
		c, err := nb.Tagged(h.Tag)
		if err != nil {
			missing.Note = fmt.Sprintf("missing: %v; the bench needs one cell tagged %q that shows %s", err, h.Tag, h.Needs)
			out = append(out, missing)
			continue
		}
		runs := append([]*notebook.Cell{c}, c.Repeats...)
		values := map[string][]float64{}
		units := map[string]string{}
		var order []string
		var failed error // the first run's problem
		for i, r := range runs {
			samples, err := h.read(r)
			if err != nil && failed == nil {
				failed = fmt.Errorf("run %d: %w", i+1, err)
			}
			for _, s := range samples {
				if _, ok := values[s.Name]; !ok {
					order = append(order, s.Name)
				}
				values[s.Name] = append(values[s.Name], s.Value)
				units[s.Name] = s.Unit
			}
		}
		if len(order) == 0 {
			if failed == nil {
				failed = errors.New("no values")
			}
			missing.Note = fmt.Sprintf("missing: cell %d (tag %q) showed no chart data to read: %v; the bench needs %s", c.Index, h.Tag, failed, h.Needs)
			out = append(out, missing)
			continue
		}
		for _, n := range order {
			s := stability(name, h, n, units[n], values[n], len(runs))
			if failed != nil && len(s.Values) < len(runs) {
				s.Note += " (" + failed.Error() + ")"
			}
			out = append(out, s)
		}
	}
	return out
}

func stability(nb string, h Headline, name, unit string, xs []float64, runs int) Stability {
	s := Stability{Notebook: nb, Tag: h.Tag, What: h.What, Name: name, Unit: unit, Values: xs, Verdict: h.Verdict}
	valid := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			valid = append(valid, x)
		}
	}
	if len(valid) == 0 {
		s.Flagged, s.Note = true, "no numeric value"
		return s
	}
	s.Values = valid
	s.Median, s.Min, s.Max = Median(valid), slices.Min(valid), slices.Max(valid)
	spread, ok := RelativeSpread(valid)
	if ok && !h.Verdict {
		s.RelativeSpread = &spread
	}
	switch {
	case h.Verdict:
		s.Flagged = s.Min < 0 && s.Max > 0
		s.Note = verdictNote(valid)
	case len(valid) < 2:
		s.Note = "one run: no spread"
	case h.Share:
		points := s.Max - s.Min
		s.PointSpread = &points
		s.Flagged = points > PointsLimit
	case ok:
		s.Flagged = spread > SpreadLimit
	default:
		s.Flagged = true
		s.Note = "relative spread undefined: the median is 0 but the values differ"
	}
	if len(valid) < runs {
		s.Flagged = true
		s.Note = strings.TrimPrefix(s.Note+fmt.Sprintf("; read in %d of %d runs", len(valid), runs), "; ")
	}
	return s
}

// verdictNote sums up a verdict's runs: "steady: tie in 5 of 5", "mixed: faster in 3, tie in 2"
// or "contradicted: faster in 2, slower in 1, tie in 2".
func verdictNote(values []float64) string {
	counts := map[float64]int{}
	for _, v := range values {
		counts[v]++
	}
	var parts []string
	for _, v := range []float64{1, -1, 0} {
		if counts[v] > 0 {
			parts = append(parts, fmt.Sprintf("%s in %d", verdictWords[v], counts[v]))
		}
	}
	switch {
	case len(parts) == 1:
		return fmt.Sprintf("steady: %s of %d", parts[0], len(values))
	case counts[1] > 0 && counts[-1] > 0:
		return "contradicted: " + strings.Join(parts, ", ")
	}
	return "mixed: " + strings.Join(parts, ", ")
}
