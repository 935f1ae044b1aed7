package bench

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func at(hms string, micros int) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", "2026-11-25 "+hms, time.Local)
	if err != nil {
		panic(err)
	}
	return t.Add(time.Duration(micros) * time.Microsecond)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestParseLogAndPhases(t *testing.T) {
	f, err := os.Open("testdata/gonb.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	events, err := ParseLog(f, at("18:00:00", 0))
	if err != nil {
		t.Fatal(err)
	}
	// 2 for the shell cell, 8 for the Go cell, 7 for the failing -race cell; the
	// continuation lines (one mentions go build) and the Failed line are not events.
	if len(events) != 17 {
		t.Fatalf("%d events, want 17: %+v", len(events), events)
	}
	if !events[0].At.Equal(at("18:41:12", 452881)) || events[0].Kind != evDispatched {
		t.Errorf("first event = %+v", events[0])
	}

	// The shell cell: no Go phases, the kernel's busy time is "kernel other".
	shell := CellPhases(events, at("18:41:12", 450000), 100*time.Millisecond)
	if shell == nil || shell.Built || shell.GoBuild != 0 {
		t.Fatalf("shell cell phases = %+v", shell)
	}
	if want := 0.538954 - 0.452881; !near(shell.Kernel, want) || !near(shell.Client, 0.1-want) {
		t.Errorf("shell cell: kernel %v client %v, want %v and %v", shell.Kernel, shell.Client, want, 0.1-want)
	}

	// The Go cell, timed by nbclient from 18:41:13.868000 for 0.953 s.
	p := CellPhases(events, at("18:41:13", 868000), 953*time.Millisecond)
	if p == nil || !p.Built || !p.Ran || len(p.BuildArgs) != 0 {
		t.Fatalf("Go cell phases = %+v", p)
	}
	want := Phases{
		GoImports: 13.934404 - 13.869298,
		GoGet:     14.180154 - 13.934404,
		GoBuild:   14.805639 - 14.180228,
		Run:       14.819963 - 14.805639,
		Client:    0.953 - (14.820273 - 13.868241),
	}
	want.Kernel = (14.820273 - 13.868241) - want.GoImports - want.GoGet - want.GoBuild - want.Run
	for _, name := range PhaseNames {
		if !near(p.Get(name), want.Get(name)) {
			t.Errorf("%s = %.6f, want %.6f", name, p.Get(name), want.Get(name))
		}
	}
	if !near(p.Sum(), 0.953) {
		t.Errorf("phases sum to %v, want the wall time 0.953", p.Sum())
	}

	// The -race cell whose build failed: the build lasts until PostExecuteCell; nothing ran.
	r := CellPhases(events, at("18:41:14", 990000), 520*time.Millisecond)
	if r == nil || !r.Built || r.Ran || !slices.Equal(r.BuildArgs, []string{"-race"}) {
		t.Fatalf("-race cell phases = %+v", r)
	}
	if !near(r.GoBuild, 15.501-15.081) || r.Run != 0 {
		t.Errorf("-race cell: build %v run %v", r.GoBuild, r.Run)
	}

	// A window with nothing logged.
	if p := CellPhases(events, at("19:00:00", 0), time.Second); p != nil {
		t.Errorf("empty window: %+v", p)
	}
}

func TestKlogTimeYear(t *testing.T) {
	parts := strings.Fields("12 31 23 59 59 500000")
	ref := time.Date(2027, 1, 1, 0, 0, 1, 0, time.Local)
	if got := klogTime(parts, ref); got.Year() != 2026 || got.Month() != 12 || got.Nanosecond() != 500000000 {
		t.Errorf("31 Dec seen on 1 Jan 2027 = %v, want 2026", got)
	}
	parts = strings.Fields("01 01 00 00 01 000000")
	ref = time.Date(2026, 12, 31, 23, 59, 0, 0, time.Local)
	if got := klogTime(parts, ref); got.Year() != 2027 {
		t.Errorf("1 Jan seen on 31 Dec 2026 = %v, want 2027", got)
	}
}

func TestBuildFlags(t *testing.T) {
	if got := buildFlags(" -o /tmp/gonb_1/gonb_1 -race -tags x"); !slices.Equal(got, []string{"-race", "-tags", "x"}) {
		t.Errorf("buildFlags = %q", got)
	}
}

func TestKernelSpec(t *testing.T) {
	installed := []byte(`{"argv": ["/v/bin/gonb", "--kernel", "{connection_file}", "-vmodule=", "-logtostderr=true",
		"-alsologtostderr=false", "-log_file=", "-log_dir=", "-raw_error=false", "-v=0", "-go_work="],
		"display_name": "Go (gonb)", "language": "go", "env": {"PATH": "/v/bin:${PATH}"}}`)
	b, err := KernelSpec(installed, "/r/logs/01.log")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"--kernel"`, `"{connection_file}"`, `"-raw_error=false"`, `"-go_work="`, `"-vmodule="`,
		`"-v=2"`, `"-logtostderr=false"`, `"-log_file=/dev/null"`, `"-extra_log=/r/logs/01.log"`, `"PATH": "/v/bin:${PATH}"`} {
		if !strings.Contains(s, want) {
			t.Errorf("kernelspec lacks %s:\n%s", want, s)
		}
	}
	for _, gone := range []string{`"-v=0"`, `"-logtostderr=true"`, `"-log_dir="`, `"-log_file="`} {
		if strings.Contains(s, gone) {
			t.Errorf("kernelspec still has %s:\n%s", gone, s)
		}
	}
	if _, err := KernelSpec([]byte(`{"argv": []}`), "x"); err == nil {
		t.Error("a kernelspec without argv gave no error")
	}
}

func TestCapture(t *testing.T) {
	src := CaptureCell("/tmp/it's")
	if !strings.HasPrefix(src, "!*") || !strings.Contains(src, `'/tmp/it'\''s'/{index}`) || strings.Contains(src, "\n") {
		t.Errorf("capture cell = %q", src)
	}
	path := t.TempDir() + "/env"
	if err := os.WriteFile(path, []byte("A=1\x00GONB_PIPE=/tmp/p\x00B=x\ny\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	env, err := captureEnv(path)
	if err != nil || !slices.Equal(env, []string{"A=1", "B=x\ny"}) {
		t.Errorf("captureEnv = %q, %v", env, err)
	}
}
