package notebook

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Timing is the per-notebook entry of a timing report.
type Timing struct {
	Notebook    string       `json:"notebook"`
	Status      string       `json:"status"`
	KernelStart float64      `json:"kernel_start_seconds"`
	Total       float64      `json:"total_seconds"`
	Cells       []CellTiming `json:"cells"`
}

// CellTiming is the wall time of one code cell.
type CellTiming struct {
	Index   int      `json:"index"`
	Tags    []string `json:"tags,omitempty"`
	First   string   `json:"first_line"`
	Seconds float64  `json:"seconds"`
}

// Timings summarises the executed notebooks' wall times.
func Timings(nbs []*Notebook) []Timing {
	var out []Timing
	for _, nb := range nbs {
		name := filepath.Base(nb.Path)
		if nb.Executed != "" {
			name = filepath.Base(nb.Executed) // e.g. 01_x.GOMAXPROCS=1.ipynb for a run with other settings
		}
		t := Timing{Notebook: name, Status: nb.Status,
			KernelStart: nb.KernelStart.Seconds(), Total: nb.Total.Seconds()}
		for _, c := range nb.CodeCells() {
			t.Cells = append(t.Cells, CellTiming{Index: c.Index, Tags: c.Tags, First: firstLine(c.Source), Seconds: c.Duration.Seconds()})
		}
		out = append(out, t)
	}
	return out
}

// WriteReport writes timings.json and timings.md (a short table: each notebook, and the
// slowest cells) into dir, and returns the table.
func WriteReport(dir string, timings []Timing) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(timings, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "timings.json"), b, 0o644); err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString("# Notebook timings\n\n")
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "notebook\tstatus\tkernel start\ttotal\tcells\tslowest cell")
	type slow struct {
		nb string
		c  CellTiming
	}
	var all []slow
	for _, t := range timings {
		var worst CellTiming
		for _, c := range t.Cells {
			all = append(all, slow{t.Notebook, c})
			if c.Seconds > worst.Seconds {
				worst = c
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s (cell %d)\n", t.Notebook, t.Status, secs(t.KernelStart), secs(t.Total),
			len(t.Cells), secs(worst.Seconds), worst.Index)
	}
	w.Flush()
	sort.Slice(all, func(i, j int) bool { return all[i].c.Seconds > all[j].c.Seconds })
	sb.WriteString("\nSlowest cells:\n")
	for i, s := range all {
		if i == 10 {
			break
		}
		fmt.Fprintf(&sb, "  %8s  %s cell %d  %s\n", secs(s.c.Seconds), s.nb, s.c.Index, s.c.First)
	}
	table := sb.String()
	return table, os.WriteFile(filepath.Join(dir, "timings.md"), []byte(table), 0o644)
}

func secs(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(10 * time.Millisecond).String()
}
