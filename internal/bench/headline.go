package bench

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Headline is a measurement a notebook tells the learner, read from the printed summary
// lines of the cell with Tag (the same lines and patterns the notebook's test reads).
// The bench runs that cell five times in a row and reports each value's spread.
type Headline struct {
	Notebook string         // the notebook's file name starts with this, e.g. "01_"
	Tag      string         // the cell's tag
	What     string         // what is measured, for the report
	Pattern  *regexp.Regexp // one match per printed value line
	// Share marks a share of trials in percent, such as the trials that lost
	// updates. Its spread is judged in percentage points, max − min, against
	// PointsLimit: the relative spread of a share divides by its median, which
	// for a rare event is near 0 (and at 0 undefined), so it flags a move from
	// 1% to 2% of trials as a 100% spread.
	Share bool
	// Verdict marks a comparison the notebook prints, such as "RWMutex vs
	// Mutex: faster". Its values are +1 (faster), 0 (a tie) and −1 (slower),
	// and it is flagged only when runs contradict each other: faster in one
	// run and slower in another. A win in one run and a tie in the next is
	// not a contradiction: a tie says the run could not tell them apart.
	Verdict bool
	// Samples turns one match of Pattern into named values.
	Samples func(m []string) []Sample
}

// Sample is one value read from a headline cell's output.
type Sample struct {
	Name  string
	Value float64
	Unit  string
}

// Headlines are the course's headline measurements: the speed-up in 01, the share of
// trials that lost updates in 04, the lock throughput in 05 and the verdicts drawn from it.
var Headlines = []Headline{
	{
		Notebook: "01_", Tag: "speedup", What: "speed-up",
		// as internal/coursetest/01_concurrency_vs_parallelism_test.go reads it (speedLine01)
		Pattern: regexp.MustCompile(`GOMAXPROCS=(\d+): wait-bound ([\d.]+)× \(95% CI [\d.]+–[\d.]+\) · CPU-bound ([\d.]+)×`),
		Samples: func(m []string) []Sample {
			return []Sample{
				{"wait-bound speed-up, GOMAXPROCS=" + m[1], num(m[2]), "×"},
				{"CPU-bound speed-up, GOMAXPROCS=" + m[1], num(m[3]), "×"},
			}
		},
	},
	{
		Notebook: "04_", Tag: "racy-histogram", What: "lost-update share", Share: true,
		// "GOMAXPROCS=2: 0/500 (0%) of trials lost updates"
		Pattern: regexp.MustCompile(`(?m)^GOMAXPROCS=(\d+): (\d+)/(\d+) \(`),
		Samples: func(m []string) []Sample {
			return []Sample{{"racy counter, trials that lost updates, GOMAXPROCS=" + m[1], share(m[2], m[3]), "%"}}
		},
	},
	{
		Notebook: "04_", Tag: "widened", What: "lost-update share", Share: true,
		// "GOMAXPROCS=2  100 × 1, paused          lost updates in 300/300 (100%) of trials"
		Pattern: regexp.MustCompile(`(?m)^GOMAXPROCS=(\d+) +(\S.*?) +lost updates in (\d+)/(\d+)`),
		Samples: func(m []string) []Sample {
			return []Sample{{fmt.Sprintf("%s, trials that lost updates, GOMAXPROCS=%s", m[2], m[1]), share(m[3], m[4]), "%"}}
		},
	},
	{
		Notebook: "05_", Tag: "throughput", What: "lock throughput",
		// as internal/coursetest/05_rwmutex_test.go reads it
		Pattern: regexp.MustCompile(`(?m)^(lookup only|lookup \+ 1µs work) +(\d+)% reads:  Mutex (\S+) \[\S+\]  RWMutex (\S+) \[\S+\]  atomic.Pointer (\S+) \[\S+\]`),
		Samples: func(m []string) []Sample {
			var out []Sample
			for i, kind := range []string{"Mutex", "RWMutex", "atomic.Pointer"} {
				out = append(out, Sample{fmt.Sprintf("%s, %s, %s%% reads", kind, m[1], m[2]), num(m[3+i]), "M ops/s"})
			}
			return out
		},
	},
	{
		Notebook: "05_", Tag: "throughput", What: "lock verdict", Verdict: true,
		// the verdict line under each value line: "    RWMutex vs Mutex: tie (CIs overlap); atomic.Pointer vs Mutex: slower (×0.07)"
		Pattern: regexp.MustCompile(`(?m)^(lookup only|lookup \+ 1µs work) +(\d+)% reads:.*\n +RWMutex vs Mutex: (faster|slower|tie)\b.*; atomic.Pointer vs Mutex: (faster|slower|tie)\b`),
		Samples: func(m []string) []Sample {
			return []Sample{
				{fmt.Sprintf("RWMutex vs Mutex, %s, %s%% reads", m[1], m[2]), verdictValues[m[3]], "verdict"},
				{fmt.Sprintf("atomic.Pointer vs Mutex, %s, %s%% reads", m[1], m[2]), verdictValues[m[4]], "verdict"},
			}
		},
	},
}

// verdictValues are the values of a Headline.Verdict's words, and verdictWords the words again.
var (
	verdictValues = map[string]float64{"faster": 1, "tie": 0, "slower": -1}
	verdictWords  = map[float64]string{1: "faster", 0: "tie", -1: "slower"}
)

func num(s string) float64 {
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

func share(hits, total string) float64 {
	h, t := num(hits), num(total)
	if t == 0 {
		return math.NaN()
	}
	return 100 * h / t
}

// Extract reads the headline's values from one run of its cell (the text a terminal
// would show: streams and text/plain).
func (h Headline) Extract(text string) []Sample {
	var out []Sample
	for _, m := range h.Pattern.FindAllStringSubmatch(notebook.PlainText(text), -1) {
		out = append(out, h.Samples(m)...)
	}
	return out
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

// Stabilities reads every headline of an executed notebook from its tagged cell and the
// cell's repeats (notebook.Options.Repeat), and computes each value's spread. A notebook
// without the tagged cell, or whose cell prints no line the pattern matches, gets one
// entry with a Note that says what the bench needs.
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
			missing.Note = fmt.Sprintf("missing: %v; the bench needs one cell tagged %q whose output has lines matching %s", err, h.Tag, h.Pattern)
			out = append(out, missing)
			continue
		}
		runs := append([]*notebook.Cell{c}, c.Repeats...)
		values := map[string][]float64{}
		units := map[string]string{}
		var order []string
		for _, r := range runs {
			for _, s := range h.Extract(r.Text()) {
				if _, ok := values[s.Name]; !ok {
					order = append(order, s.Name)
				}
				values[s.Name] = append(values[s.Name], s.Value)
				units[s.Name] = s.Unit
			}
		}
		if len(order) == 0 {
			missing.Note = fmt.Sprintf("missing: cell %d (tag %q) printed no line matching %s", c.Index, h.Tag, h.Pattern)
			out = append(out, missing)
			continue
		}
		for _, n := range order {
			out = append(out, stability(name, h, n, units[n], values[n], len(runs)))
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
