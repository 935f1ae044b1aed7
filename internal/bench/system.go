package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// KernelSpec returns a copy of the installed GoNB kernelspec (its kernel.json) whose
// kernel logs at -v=2 into logPath and nowhere else. GoNB writes -extra_log unbuffered,
// so the log is complete even though Jupyter kills the kernel at the end; klog's own
// file output goes to /dev/null.
func KernelSpec(installed []byte, logPath string) ([]byte, error) {
	var spec map[string]any
	if err := json.Unmarshal(installed, &spec); err != nil {
		return nil, fmt.Errorf("kernel.json: %w", err)
	}
	argv, _ := spec["argv"].([]any)
	if len(argv) == 0 {
		return nil, fmt.Errorf("kernel.json has no argv")
	}
	var out []any
	for _, a := range argv {
		s, _ := a.(string)
		if strings.HasPrefix(s, "-") && hasAnyPrefix(strings.TrimLeft(s, "-"), "v=", "logtostderr", "alsologtostderr", "log_file", "log_dir", "extra_log") {
			continue
		}
		out = append(out, a)
	}
	out = append(out, "-v=2", "-logtostderr=false", "-alsologtostderr=false", "-log_file=/dev/null", "-extra_log="+logPath)
	spec["argv"] = out
	spec["display_name"] = "Go (gonb, bench log)"
	return json.MarshalIndent(spec, "", "  ")
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// loadAverage returns /proc/loadavg's 1, 5 and 15-minute load averages (zeros elsewhere).
func loadAverage() [3]float64 {
	var l [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err == nil {
		fmt.Sscan(string(b), &l[0], &l[1], &l[2])
	}
	return l
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// output runs a command and returns its trimmed standard output, or "" on failure.
func output(ctx context.Context, dir string, name string, args ...string) string {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	b, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func commit(ctx context.Context, root string) string {
	c := output(ctx, root, "git", "rev-parse", "--short", "HEAD")
	if c == "" {
		return "unknown"
	}
	if output(ctx, root, "git", "status", "--porcelain") != "" {
		c += " with uncommitted changes"
	}
	return c
}

// diskUsage returns the bytes the files below dir occupy on disk, like du.
func diskUsage(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				total += st.Blocks * 512
			} else {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// makeWritable gives the owner write permission on every directory below dir, so that a
// module cache (read-only by default) can be removed.
func makeWritable(dir string) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if info, err := d.Info(); err == nil {
				os.Chmod(path, info.Mode().Perm()|0o700)
			}
		}
		return nil
	})
}
