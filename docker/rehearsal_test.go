package docker_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The notebook user of jupyter/docker-stacks images: uid 1000 (jovyan), gid 100 (users).
const (
	learnerUID = 1000
	learnerGID = 100
)

// TestImageRehearsal walks the Docker image's path without a Docker engine, in a temporary
// folder that stands for the image's file system, and without changing this machine (no
// user is added: setpriv switches to the notebook user's ids, which need no passwd entry):
//
//  1. as root, what the Dockerfile does as root: the cache folder owned by the notebook user;
//  2. as the notebook user, with an empty home and no Go on the PATH: install.sh
//     --install-go --slim --no-prebuild into a fresh prefix, as the image's first install;
//  3. as the notebook user: the start hook makes ~/course, and install.sh --warm-up executes
//     every notebook there, as the image's build does;
//  4. at "container start", as the notebook user in a network namespace with only loopback:
//     the start hook, JupyterLab on 127.0.0.1 with a token (it must refuse a request
//     without it, and list the course with it), and a course notebook executed end to end;
//  5. a newer "image": the hook keeps the learner's edit and updates the untouched file.
//
// It needs root and network namespaces (unshare -n), as CI has. Elsewhere, a learner's
// laptop say, it skips and says why; on CI (CI=true) it fails instead, so that it cannot be
// skipped there without anyone noticing.
func TestImageRehearsal(t *testing.T) {
	if testing.Short() {
		t.Skip("installs a prefix and executes every notebook: minutes")
	}
	if why := rehearsalUnavailable(); why != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("the image rehearsal cannot run on CI: %s", why)
		}
		t.Skipf("the image rehearsal needs root and network namespaces: %s", why)
	}
	repo := root(t)
	base, err := os.MkdirTemp("", "golab-image-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	image := filepath.Join(base, "opt", "golab", "course")
	cache := filepath.Join(base, "opt", "golab", "cache")
	home := filepath.Join(base, "home", "jovyan")
	prefix := filepath.Join(base, "opt", "conda")
	for _, d := range []string{image, home, filepath.Dir(cache)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The folders above the image's root must let the notebook user through.
	for d := base; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
		if d == filepath.Dir(d) {
			break
		}
	}

	// 1. USER 0: `install -d -o NB_UID -g NB_GID /opt/golab/cache`; the home folder and the
	//    conda folder belong to the notebook user in the base image.
	for _, d := range []string{cache, home, prefix} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(d, learnerUID, learnerGID); err != nil {
			t.Fatal(err)
		}
	}
	python, err := pythonHome(repo)
	if err != nil {
		t.Fatal(err)
	}
	learner := learnerEnv(home, prefix, cache, image, python)
	ns := namespaces{stage: filepath.Join(base, "python"), python: python, env: learner}

	// 2. The first install layer: the version files only, then install.sh as the notebook user.
	copyInto(t, repo, image, "go.mod", "go.sum", "requirements.txt", "tools/gopls/go.mod", "tools/gopls/go.sum", "docker/install.sh")
	start := time.Now()
	ns.run(t, "install (as the image's first layer)", false, fmt.Sprintf("learner bash %q --prefix %q --install-go --slim --no-prebuild",
		filepath.Join(image, "docker", "install.sh"), prefix))
	t.Logf("install.sh --install-go --slim into a fresh prefix: %v", time.Since(start).Round(time.Second))
	if _, err := os.Stat(filepath.Join(prefix, "go", "bin", "go")); err != nil {
		t.Fatalf("install.sh --install-go put no Go into %s/go: %v", prefix, err)
	}

	// 3. The course layer, the start hook at build time, and the warm-up.
	copyInto(t, repo, image, "docker/warmup", "internal/notebook", "helpers", "notebooks")
	hook := filepath.Join(repo, "docker", "course-start.sh")
	course := filepath.Join(home, "course")
	start = time.Now()
	out := ns.run(t, "start hook and install --warm-up", false, fmt.Sprintf("learner bash %q\nlearner bash %q --prefix %q --slim --course %q --warm-up",
		hook, filepath.Join(image, "docker", "install.sh"), prefix, course))
	t.Logf("install.sh --warm-up of every notebook: %v", time.Since(start).Round(time.Second))
	if !strings.Contains(out, "warm-up: "+filepath.Join(course, "notebooks", "00_start_here.ipynb")+" ran in") {
		t.Errorf("the warm-up did not execute ~/course/notebooks/00_start_here.ipynb:\n%s", out)
	}

	// 4. A container start, offline: hook, JupyterLab with its token, one notebook end to end.
	offline := filepath.Join(course, "offline-check")
	token := randomHex(t)
	script := fmt.Sprintf(`if learner curl -s -m 5 -o /dev/null https://proxy.golang.org; then echo "the network namespace reaches the internet"; exit 1; fi
learner bash %[1]q
learner mkdir -p %[2]q && learner cp %[3]q %[2]q/
cd %[4]q
# Not through the learner function: $! must be JupyterLab itself (setpriv and env exec it), so that
# the trap below stops it; a server left behind would outlive the test in its namespace.
setpriv --reuid=%[10]d --regid=%[11]d --clear-groups -- env JUPYTER_TOKEN=%[5]s jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=18988 \
  --ServerApp.root_dir=%[6]q --config=%[7]q >%[8]q 2>&1 &
jupyter=$!
trap 'kill "$jupyter" 2>/dev/null; wait "$jupyter" 2>/dev/null || true' EXIT
up=""
for _ in $(seq 1 120); do
  if curl -sf -m 2 -o /dev/null -H "Authorization: token %[5]s" http://127.0.0.1:18988/api/status; then up=1; break; fi
  sleep 0.5
done
[ -n "$up" ] || { echo "JupyterLab did not answer on 127.0.0.1:18988"; cat %[8]q; exit 1; }
code=$(curl -s -m 5 -o /dev/null -w '%%{http_code}' http://127.0.0.1:18988/api/contents/course/notebooks)
[ "$code" = 403 ] || { echo "JupyterLab answered $code to a request without the token, want 403"; exit 1; }
curl -sf -m 5 -H "Authorization: token %[5]s" http://127.0.0.1:18988/api/contents/course/notebooks | grep -q '"name": *"00_start_here.ipynb"' ||
  { echo "JupyterLab does not list course/notebooks/00_start_here.ipynb"; exit 1; }
echo "JupyterLab: up on 127.0.0.1 with the token, 403 without it, lists the course"
learner env GOLAB_VENV=%[9]q go run ./docker/warmup %[2]q
`, hook, offline, filepath.Join(course, "notebooks", "00_start_here.ipynb"), image, token, home,
		filepath.Join(repo, "docker", "jupyter_server_config.json"), filepath.Join(base, "jupyter.log"), prefix, learnerUID, learnerGID)
	start = time.Now()
	out = ns.run(t, "container start, offline", true, script)
	t.Logf("offline start and notebook: %v\n%s", time.Since(start).Round(time.Second), out)
	if !strings.Contains(out, "ran in") {
		t.Errorf("the offline run executed no notebook:\n%s", out)
	}
	if left := processesUnder(base); len(left) > 0 {
		t.Errorf("the container start left processes running: %v", left)
	}

	// 5. A newer image: one notebook changes in it; the learner had edited another one.
	edited, untouched := filepath.Join(course, "notebooks", "01_concurrency_vs_parallelism.ipynb"), filepath.Join(course, "notebooks", "02_goroutines.ipynb")
	writeAsLearner(t, edited, "the learner's own notes")
	for _, rel := range []string{"notebooks/01_concurrency_vs_parallelism.ipynb", "notebooks/02_goroutines.ipynb"} {
		writeFiles(t, image, map[string]string{rel: "from a newer image: " + rel})
	}
	out = ns.run(t, "start hook (new image)", false, fmt.Sprintf("learner bash %q", hook))
	if b, _ := os.ReadFile(edited); string(b) != "the learner's own notes" {
		t.Errorf("after an image update the learner's edit of %s is lost: it holds %.60q", edited, b)
	}
	if b, _ := os.ReadFile(untouched); string(b) != "from a newer image: notebooks/02_goroutines.ipynb" {
		t.Errorf("after an image update the untouched %s was not updated: it holds %.60q", untouched, b)
	}
	if !strings.Contains(out, "kept your edited course/notebooks/01_concurrency_vs_parallelism.ipynb") {
		t.Errorf("the hook did not say it kept the learner's edit:\n%s", out)
	}
	// Everything the learner has is theirs.
	filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if uid, gid := owner(p); uid != learnerUID {
			t.Errorf("%s belongs to %d:%d, not to the notebook user", p, uid, gid)
			return filepath.SkipAll
		}
		return nil
	})
}

// namespaces runs the rehearsal's steps in a private mount namespace (and, offline, a
// network namespace with only loopback), where the Python that the repository's .venv was
// made from is reachable by the notebook user even when it lives in a folder only root may
// enter (pyenv under /root): a tmpfs covers that folder, with the Python bound back into it.
// The base image brings its own Python; this machine's stands in for it. Nothing is written
// outside the temporary folder.
type namespaces struct {
	stage  string // an empty folder in the temporary tree, to hold the Python while /root is covered
	python string // the Python installation's folder (…/bin/python3)
	env    []string
}

func (n namespaces) run(t *testing.T, what string, offline bool, script string) string {
	t.Helper()
	setup := "set -euo pipefail\n"
	if top := closedAncestor(n.python); top != "" {
		setup += fmt.Sprintf("mkdir -p %[1]q && mount --bind %[2]q %[1]q && mount -t tmpfs -o mode=0755 golab %[3]q && mkdir -p %[2]q && mount --bind %[1]q %[2]q\n",
			n.stage, n.python, top)
	}
	args := []string{"--mount", "--propagation", "private"}
	if offline {
		args = append(args, "--net")
		setup += "ip link set lo up\n"
	}
	setup += fmt.Sprintf("learner() { setpriv --reuid=%d --regid=%d --clear-groups -- \"$@\"; }\ncd /\n", learnerUID, learnerGID)
	cmd := exec.Command("unshare", append(append(args, "--", "bash", "-c"), setup+script)...)
	cmd.Env = n.env
	return run(t, what, cmd)
}

// closedAncestor returns the topmost folder above dir that others may not enter, or "".
func closedAncestor(dir string) string {
	var closed string
	for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o001 == 0 {
			closed = d
		}
	}
	return closed
}

// pythonHome returns the folder of the Python installation that the repository's .venv
// was made from (pyvenv.cfg's home is its bin folder).
func pythonHome(repo string) (string, error) {
	b, err := os.ReadFile(filepath.Join(repo, ".venv", "pyvenv.cfg"))
	if err != nil {
		return "", fmt.Errorf("the rehearsal takes its Python from .venv (make setup): %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "home" {
			return filepath.Dir(strings.TrimSpace(v)), nil
		}
	}
	return "", fmt.Errorf("%s/.venv/pyvenv.cfg names no home", repo)
}

// rehearsalUnavailable says why the rehearsal cannot run here, or "" when it can.
func rehearsalUnavailable() string {
	if os.Geteuid() != 0 {
		return "not root"
	}
	for _, tool := range []string{"unshare", "setpriv", "ip", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			return tool + " is not installed"
		}
	}
	if out, err := exec.Command("unshare", "--net", "--", "ip", "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return fmt.Sprintf("unshare --net fails: %v %s", err, out)
	}
	return ""
}

// learnerEnv is the environment of the image's notebook user: the image's ENV lines, an
// empty home, and a PATH without this machine's Go, so that install.sh must install its own,
// and with the Python that stands in for the base image's.
func learnerEnv(home, prefix, cache, image, python string) []string {
	env := []string{
		"HOME=" + home, "USER=jovyan", "LANG=C.UTF-8",
		"PATH=" + prefix + "/bin:" + prefix + "/go/bin:" + python + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"GOLAB_COURSE_IMAGE=" + image,
		"GOCACHE=" + filepath.Join(cache, "go-build"), "GOMODCACHE=" + filepath.Join(cache, "go-mod"),
		"GOFLAGS=-modcacherw", "GOTOOLCHAIN=local",
	}
	for _, kv := range os.Environ() { // how this machine reaches the registries
		for _, k := range []string{"GOPROXY=", "GOSUMDB=", "GONOSUMDB=", "GOPRIVATE=", "PIP_INDEX_URL=", "PIP_TRUSTED_HOST=", "HTTP_PROXY=", "HTTPS_PROXY=", "NO_PROXY=", "http_proxy=", "https_proxy=", "no_proxy=", "SSL_CERT_FILE="} {
			if strings.HasPrefix(kv, k) {
				env = append(env, kv)
			}
		}
	}
	return env
}

// run runs cmd and fails the test with its output when it fails.
func run(t *testing.T, what string, cmd *exec.Cmd) string {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, tail(string(out), 60))
	}
	return string(out)
}

func tail(s string, lines int) string {
	l := strings.Split(s, "\n")
	if len(l) > lines {
		l = append([]string{"..."}, l[len(l)-lines:]...)
	}
	return strings.Join(l, "\n")
}

// copyInto copies the repository's files and folders rel... into dst, as root, the way
// Docker's COPY does; test files stay behind, as the image's .dockerignore keeps them out.
func copyInto(t *testing.T, repo, dst string, rels ...string) {
	t.Helper()
	for _, rel := range rels {
		err := filepath.WalkDir(filepath.Join(repo, rel), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			r, _ := filepath.Rel(repo, p)
			target := filepath.Join(dst, r)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if strings.HasSuffix(p, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			mode := os.FileMode(0o644)
			if fi, err := d.Info(); err == nil && fi.Mode()&0o111 != 0 {
				mode = 0o755
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, mode)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func writeAsLearner(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, learnerUID, learnerGID); err != nil {
		t.Fatal(err)
	}
}

func randomHex(t *testing.T) string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// owner returns the uid and gid that own path.
func owner(path string) (uid, gid int) {
	fi, err := os.Lstat(path)
	if err != nil {
		return -1, -1
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return -1, -1
	}
	return int(st.Uid), int(st.Gid)
}

// processesUnder stops, and returns, the processes whose command line names a path under
// dir: what a step left running.
func processesUnder(dir string) []string {
	var left []string
	pids, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range pids {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), dir+"/") {
			continue
		}
		pid := filepath.Base(filepath.Dir(p))
		left = append(left, pid+" "+strings.ReplaceAll(string(b), "\x00", " "))
		if n, err := strconv.Atoi(pid); err == nil {
			syscall.Kill(n, syscall.SIGKILL)
		}
	}
	return left
}
