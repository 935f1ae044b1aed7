package check

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
)

// failures counts the FAILs of each check, by name, so that a check that fails
// again prints its next hint (see Spec.Hints). Each notebook cell runs as a
// program of its own, so in a notebook the counts live in a file in GoNB's
// temporary folder, which lasts as long as the kernel session; elsewhere they
// live in this process's memory.
var failures = &failureCounts{counts: map[string]int{}}

type failureCounts struct {
	mu     sync.Mutex
	counts map[string]int // used when there is no GoNB folder
}

// add counts one more FAIL of the check called name and returns how many there
// have been, this one included.
func (f *failureCounts) add(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	dir := os.Getenv(gonbTempDir)
	if dir == "" {
		f.counts[name]++
		return f.counts[name]
	}
	path := filepath.Join(dir, "golab-check-failures.json")
	counts := map[string]int{}
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &counts) // a damaged file starts the counts again
	}
	counts[name]++
	if b, err := json.Marshal(counts); err == nil {
		_ = os.WriteFile(path, b, 0o644) // if it cannot be saved, the next FAIL repeats this hint
	}
	return counts[name]
}

// gonbTempDir names the environment variable that holds GoNB's temporary folder
// for the kernel session, where the cell's main.go is built.
const gonbTempDir = "GONB_TMP_DIR"
