package site

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// benchReport is the part of `make bench`'s report (reports/bench/report.json, written by
// internal/bench) that the index uses: per notebook, the median Run All over the warm
// runs, kernel start included. Decoded here rather than with internal/bench's types so
// that the site depends on the file's format only.
type benchReport struct {
	Notebooks []struct {
		Notebook  string   `json:"notebook"`
		Status    string   `json:"status"`
		WarmTotal *float64 `json:"warm_total_seconds"`
	} `json:"notebooks"`
}

// readBench reads the run times that `make bench` measured, by notebook file name, from
// the reports in dir (*.json, report.json first); notebooks that did not run cleanly in
// every run are left out.
func readBench(dir string) map[string]float64 {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	main := filepath.Join(dir, "report.json")
	for i, p := range paths {
		if p == main {
			paths[0], paths[i] = paths[i], paths[0]
		}
	}
	out := map[string]float64{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var r benchReport
		if json.Unmarshal(b, &r) != nil {
			continue
		}
		for _, nb := range r.Notebooks {
			if _, seen := out[nb.Notebook]; !seen && nb.Status == "ok" && nb.WarmTotal != nil && *nb.WarmTotal > 0 {
				out[nb.Notebook] = *nb.WarmTotal
			}
		}
	}
	return out
}
