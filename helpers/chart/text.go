package chart

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// maxRows is how many rows a text table shows before it says how many it left out.
const maxRows = 30

// heading returns the first line of a chart's text: "Title — Subtitle".
func heading(kind string, l Labels) string {
	switch {
	case l.Title != "" && l.Subtitle != "":
		return l.Title + " — " + l.Subtitle
	case l.Title != "":
		return l.Title
	case l.Subtitle != "":
		return l.Subtitle
	}
	return kind
}

// table is a small text table: a header row and data rows.
type table struct {
	header []string
	rows   [][]string
}

// add appends a row.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// String lays the table out in columns, with at most maxRows rows.
func (t *table) String() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(w, "\t")
			}
			// Tabs and newlines in labels would break the layout.
			fmt.Fprint(w, strings.NewReplacer("\t", " ", "\n", " ").Replace(c))
		}
		fmt.Fprintln(w)
	}
	line(t.header)
	for i, r := range t.rows {
		if i == maxRows {
			fmt.Fprintf(w, "… %d more rows\n", len(t.rows)-maxRows)
			break
		}
		line(r)
	}
	w.Flush()
	return strings.TrimRight(b.String(), "\n")
}

// num formats a number for text, as the stats summaries do.
func num(v float64) string { return stats.FormatNumber(v) }

// numRange formats "v (low–high)", or just v when there is no range.
func numRange(v float64, low, high []float64, i int) string {
	if low == nil {
		return num(v)
	}
	return fmt.Sprintf("%s (%s–%s)", num(v), num(low[i]), num(high[i]))
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// count says how many values there are: "1 value", "3 values".
func count(n int) string {
	if n == 1 {
		return "1 value"
	}
	return fmt.Sprintf("%d values", n)
}

// seriesName returns name, or "series <k+1>" for an unnamed series k, so that
// legends, tooltips and text can tell series apart.
func seriesName(name string, k int) string {
	if name == "" {
		return fmt.Sprintf("series %d", k+1)
	}
	return name
}
