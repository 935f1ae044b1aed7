//go:build browser

package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// lab is a JupyterLab server started for the test.
type lab struct {
	URL   string // http://127.0.0.1:PORT, no trailing slash
	Token string
	Root  string // the server's root folder: the temporary copy of the notebooks
	Log   string // the server's output
	cmd   *exec.Cmd
	done  chan struct{}
}

// startLab starts JupyterLab from the project's venv on a free port of 127.0.0.1 with a
// generated token, serving root. Its configuration, data (the trust database) and
// runtime folders are fresh folders under state, so that nothing of the user's own
// Jupyter setup takes part. The server stops when the test ends.
func startLab(t *testing.T, root, state, logPath string) *lab {
	t.Helper()
	py, err := notebook.Python()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Dir(py)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	l := &lab{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Token: randomHex(24), Root: root, Log: logPath, done: make(chan struct{})}
	for _, d := range []string{"config", "data", "runtime", "settings", "workspaces", "ipython"} {
		if err := os.MkdirAll(filepath.Join(state, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// The learner's defaults, except for the toast that asks about news from the internet:
	// it would cover part of every screenshot.
	notif := filepath.Join(state, "settings", "@jupyterlab", "apputils-extension")
	if err := os.MkdirAll(notif, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notif, "notification.jupyterlab-settings"),
		[]byte(`{"fetchNews": "false", "checkForUpdates": false}`), 0o600); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	l.cmd = exec.Command(filepath.Join(bin, "jupyter"), "lab", "--no-browser",
		"--ServerApp.ip=127.0.0.1",
		fmt.Sprintf("--ServerApp.port=%d", port),
		"--ServerApp.port_retries=0",
		"--IdentityProvider.token="+l.Token,
		"--ServerApp.root_dir="+root,
		// window.jupyterapp: the test drives JupyterLab through its own commands.
		"--LabApp.expose_app_in_browser=True",
		// No announcements, update checks or PyPI listings: the machine is offline.
		"--LabApp.news_url=None",
		"--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
		"--LabApp.extension_manager=readonly",
		"--LabApp.user_settings_dir="+filepath.Join(state, "settings"),
		"--LabApp.workspaces_dir="+filepath.Join(state, "workspaces"),
	)
	if os.Geteuid() == 0 {
		// Jupyter refuses to run as root unless told; CI containers often are root.
		l.cmd.Args = append(l.cmd.Args, "--allow-root")
	}
	// GoNB takes the server's working directory as the Jupyter root (GONB_JUPYTER_ROOT),
	// where helpers/chart puts the echarts asset: start the server in root, as `make lab` does.
	l.cmd.Dir = root
	l.cmd.Env = jupyterEnv(bin, state)
	l.cmd.Stdout, l.cmd.Stderr = logf, logf
	// Its own process group, so that the kernels it starts go with it.
	l.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := l.cmd.Start(); err != nil {
		t.Fatalf("starting JupyterLab: %v", err)
	}
	go func() {
		l.cmd.Wait()
		logf.Close()
		close(l.done)
	}()
	t.Cleanup(l.stop)
	if err := l.waitReady(90 * time.Second); err != nil {
		t.Fatalf("JupyterLab did not start: %v\n%s", err, tailFile(logPath, 30))
	}
	return l
}

// stop asks the server to shut down (it stops its kernels), then kills what is left of
// its process group.
func (l *lab) stop() {
	pgid := l.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-l.done:
	case <-time.After(15 * time.Second):
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	<-l.done
}

// waitReady polls the server's status API until it answers.
func (l *lab) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-l.done:
			return errors.New("the server exited")
		default:
		}
		if _, err := l.api(context.Background(), http.MethodGet, "/api/status", nil); err == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("no answer from %s/api/status after %v", l.URL, limit)
}

// api calls the server's REST API and decodes the JSON answer into out (when not nil).
func (l *lab) api(ctx context.Context, method, path string, out any) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, l.URL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+l.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		return b, fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil && len(b) > 0 {
		return b, json.Unmarshal(b, out)
	}
	return b, nil
}

// shutdownKernels ends every session and its kernel, as a learner's lab does overnight.
func (l *lab) shutdownKernels(ctx context.Context) error {
	var sessions []struct{ ID string }
	if _, err := l.api(ctx, http.MethodGet, "/api/sessions", &sessions); err != nil {
		return err
	}
	for _, s := range sessions {
		if _, err := l.api(ctx, http.MethodDelete, "/api/sessions/"+s.ID, nil); err != nil {
			return err
		}
	}
	return nil
}

// notebookURL is the address at which JupyterLab opens the notebook at path (relative
// to the root), logging in with the token. "reset" starts from an empty workspace, so
// that the notebooks of earlier steps are not reopened (with kernels of their own).
func (l *lab) notebookURL(path string) string {
	return l.URL + "/lab/tree/" + escapePath(path) + "?reset&token=" + l.Token
}

func escapePath(p string) string {
	parts := strings.Split(filepath.ToSlash(p), "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// freePort asks the kernel for a free TCP port of 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// jupyterEnv is the environment of the Jupyter commands: the venv's bin first on PATH,
// and Jupyter's config, data and runtime folders in state.
func jupyterEnv(bin, state string) []string {
	return append(withPath(os.Environ(), bin),
		"JUPYTER_CONFIG_DIR="+filepath.Join(state, "config"),
		"JUPYTER_DATA_DIR="+filepath.Join(state, "data"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(state, "runtime"),
		"IPYTHONDIR="+filepath.Join(state, "ipython"),
		"JUPYTER_PLATFORM_DIRS=1",
	)
}

// withPath returns env with dir first on PATH.
func withPath(env []string, dir string) []string {
	out := append([]string(nil), env...)
	for i, kv := range out {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			out[i] = "PATH=" + dir + string(os.PathListSeparator) + v
			return out
		}
	}
	return append(out, "PATH="+dir)
}

// tailFile returns the last lines of a log file, for failure messages.
func tailFile(path string, lines int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}
