//go:build browser

package e2e

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// page.js is put into every document the test opens, before the page's own scripts.
//
//go:embed page.js
var pageJS string

// Viewport of every tab, in CSS pixels: a laptop screen.
const (
	viewWidth  = 1280
	viewHeight = 900
)

// browser is headless Chromium, offline.
type browser struct {
	ctx   context.Context // the browser's own chromedp context; tabs are its children
	guard *guard
}

// startBrowser starts Debian's chromium at exe, headless, with a fresh profile and every
// background service off. Requests that would leave loopback are stopped at two levels:
// each tab intercepts its requests (see newTab), and the browser as a whole is pointed at
// a proxy of the test that refuses and logs everything it gets; Chromium sends only
// non-loopback traffic to a proxy, so nothing reaches it unless something tried to leave
// the machine.
func startBrowser(t *testing.T, exe, profile, logPath string) *browser {
	t.Helper()
	if _, err := exec.LookPath(exe); err != nil {
		t.Fatalf("no browser at %s (%v): install Debian's chromium (sudo apt-get install chromium; .ci/run does it) "+
			"or point -chromium / $GOLAB_CHROMIUM at one", exe, err)
	}
	g := &guard{}
	proxy := g.startProxy(t)
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logf.Close() })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("force-color-profile", "srgb"),
		// What the flags above leave of Chromium's own traffic to Google, as seen at the
		// proxy: form autofill queries, the optimization guide, network time, translation,
		// casting, crash and reliability reports.
		chromedp.Flag("disable-features", "AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,"+
			"OptimizationGuideModelDownloading,OptimizationTargetPrediction,NetworkTimeServiceQuerying,"+
			"Translate,MediaRouter,DialMediaRouteProvider"),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-breakpad", true),
		// Two services ignore every switch that turns them off: the account check
		// (ListAccounts; Debian's build carries Google API keys) and on-demand component
		// installs (the optimization guide's model manifest). Point both at a closed port
		// of loopback.
		chromedp.Flag("gaia-url", "http://127.0.0.1:9/"),
		chromedp.Flag("component-updater", "url-source=http://127.0.0.1:9/"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(viewWidth, viewHeight),
		chromedp.ProxyServer("http://" + proxy),
		chromedp.CombinedOutput(logf),
	}
	if os.Geteuid() == 0 {
		// Chromium's sandbox refuses to run as root; only then.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		t.Fatalf("starting %s: %v\n%s", exe, err, tailFile(logPath, 20))
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(bctx, 10*time.Second)
		defer cancel()
		_ = chromedp.Cancel(cctx)
		bcancel()
		acancel()
	})
	return &browser{ctx: bctx, guard: g}
}

// tab is one browser tab.
type tab struct {
	ctx     context.Context
	cancel  context.CancelFunc
	name    string
	closing sync.Once
	mu      sync.Mutex
	console []string // errors and exceptions the page logged
}

// newTab opens a tab whose every request passes the guard: loopback (and, with
// allowFile, file: URLs) go on, anything else fails as blocked by the client and is
// recorded. page.js is installed for every document the tab loads.
func (b *browser) newTab(t *testing.T, name string, allowFile bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tb := &tab{ctx: ctx, cancel: cancel, name: name}
	paused := chromedp.Events(ctx, fetch.RequestPaused) // opens the tab
	console := chromedp.Console(ctx)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		cancel()
		t.Fatalf("tab %s: enabling request interception: %v", name, err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			go b.guard.decide(ctx, name, ev, allowFile)
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				tb.mu.Lock()
				tb.console = append(tb.console, fmt.Sprintf("%s: %s", m.Type, oneLine(m.Text, 300)))
				tb.mu.Unlock()
			}
		}
	}()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageJS}); err != nil {
		cancel()
		t.Fatalf("tab %s: installing page.js: %v", name, err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewWidth, viewHeight)); err != nil {
		cancel()
		t.Fatalf("tab %s: %v", name, err)
	}
	return tb
}

// rawVisit loads u in a tab that has no interception, so that only the browser's proxy
// stands between the request and the network.
func (b *browser) rawVisit(u string) error {
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	tctx, tcancel := context.WithTimeout(ctx, 20*time.Second)
	defer tcancel()
	return chromedp.Do(tctx, chromedp.Navigate(u))
}

// close closes the tab.
func (tb *tab) close() {
	tb.closing.Do(func() {
		cctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
		defer cancel()
		_ = chromedp.Cancel(cctx)
		tb.cancel()
	})
}

// consoleLog returns what the page logged as errors and warnings.
func (tb *tab) consoleLog() string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return strings.Join(tb.console, "\n")
}

// offline switches the tab's network off, as a learner's laptop on a train.
func (tb *tab) offline() error {
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	_, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	return err
}

// guard decides which requests may go, and records the ones it stopped.
type guard struct {
	mu      sync.Mutex
	checked int      // requests that went through a tab's interception
	blocked []string // what was stopped, "tab NAME: URL" or "proxy: …"
}

// decide lets a paused request go on or fails it.
func (g *guard) decide(ctx context.Context, tabName string, ev fetch.EventRequestPaused, allowFile bool) {
	u := ev.Request.URL + ev.Request.URLFragment
	g.mu.Lock()
	g.checked++
	g.mu.Unlock()
	if local(u, allowFile) {
		_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		return
	}
	g.record(fmt.Sprintf("tab %s: %s %s (%s)", tabName, ev.Request.Method, u, ev.ResourceType))
	_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
}

func (g *guard) record(what string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.blocked = append(g.blocked, what)
}

// forget drops what was recorded so far (the canaries of testGuard).
func (g *guard) forget() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.blocked = nil
}

// report returns the number of requests checked and what was blocked.
func (g *guard) report() (int, []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.checked, append([]string(nil), g.blocked...)
}

// startProxy starts the proxy that the whole browser sends non-loopback traffic to: it
// answers every request, plain or CONNECT, with 403 and records it.
func (g *guard) startProxy(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.URL.String()
		if r.Method == http.MethodConnect {
			target = r.Host
		}
		g.record(fmt.Sprintf("proxy: %s %s", r.Method, target))
		http.Error(w, "blocked by the course's browser test: the machine is offline", http.StatusForbidden)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// local reports whether a request for u stays on this machine.
func local(u string, allowFile bool) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true
	case "file":
		return allowFile
	case "http", "https", "ws", "wss":
		host := p.Hostname()
		if host == "localhost" {
			return true
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
	return false
}

// eval evaluates a JavaScript expression in the tab (awaiting a promise) and decodes
// its value into T.
func eval[T any](ctx context.Context, expr string) (T, error) {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	var ex *chromedp.ExceptionError
	if errors.As(err, &ex) {
		return v, fmt.Errorf("%s: %s", oneLine(expr, 80), ex.Error())
	}
	return v, err
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n-1] + "…"
	}
	return s
}
