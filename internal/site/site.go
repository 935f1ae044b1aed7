// Package site builds the course website: every notebook executed and rendered to static
// HTML with nbconvert, with live echarts charts that load their JavaScript from the site.
//
// [Build] takes each notebook's executed copy from reports/executed when it is fresh (see
// [Fresh]: same cells as the notebook, a clean run, newer than the helpers), and executes
// the notebook with internal/notebook's harness otherwise. It renders every page with the
// "golab_site" template of nbconvert/ beside this file, which extends helpers/chart's
// "golab" template and adds the site's chrome: header, previous/next, "Run it yourself"
// (make lab, Docker, Binder), and on the index a course map with one card per notebook
// (title, goal, run time). Exercise solutions get pages of their own (solutions/NAME.html),
// never inline. After rendering, links between notebooks (NN_x.ipynb) and to solutions
// (solutions/x.go) are rewritten to the pages, links to other files of the repository
// point to the repository's web site, and [Check] checks every link and anchor.
//
// The site is plain files: `python -m http.server -d site` serves it, and so does any
// static host, under any address.
package site

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Options control Build. Every field has a default.
type Options struct {
	Root      string // the course repository (default: the one around the working directory)
	Out       string // the site, emptied first (default <Root>/site)
	Notebooks string // the notebooks, NN_*.ipynb, with solutions/ (default <Root>/notebooks)
	Only      string // build only the notebooks whose file name contains this
	Executed  string // executed copies to reuse, and where new ones go (default <Root>/reports/executed)
	Reports   string // where `make bench` and the notebook tests report run times (default <Root>/reports)
	Execute   bool   // execute every notebook, even when a fresh executed copy exists
	Repo      string // the repository's web address (default: from go.mod's module path)
	Binder    string // Binder's address of the notebooks folder (default: the README's badge)
	// Log receives progress lines (default: standard error).
	Log func(format string, args ...any)
}

// Result is what Build made.
type Result struct {
	Out       string
	Pages     []*Page  // the notebooks, in course order
	Solutions int      // solution pages
	Dropped   []string // links to files outside the repository, dropped: "page: link"
	Took      time.Duration
}

// Build builds the site. A notebook that does not run cleanly, a page that nbconvert
// cannot render and a link that Check rejects all fail it.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	pages, err := opts.pages()
	if err != nil {
		return nil, err
	}
	runtimes := ReadRuntimes(opts.Reports)
	since := newestInput(opts.Root)
	// Everything is read from, and rendered out of, a folder of this build's own: the
	// notebook tests may rewrite reports/executed meanwhile.
	stage, err := os.MkdirTemp("", "golab-site-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	snapshots := filepath.Join(stage, "executed")
	if err := os.MkdirAll(snapshots, 0o755); err != nil {
		return nil, err
	}
	var stale []*Page
	for _, p := range pages {
		src, err := notebook.Read(filepath.Join(opts.Notebooks, p.Name))
		if err != nil {
			return nil, err
		}
		if err := describe(p, src, filepath.Join(opts.Notebooks, "solutions")); err != nil {
			return nil, err
		}
		p.Executed = filepath.Join(snapshots, p.Name)
		why := "-execute"
		if !opts.Execute {
			why = snapshot(src, filepath.Join(opts.Executed, p.Name), p.Executed, since)
		}
		if why == "" {
			p.Reused = true
			opts.Log("%s: the executed copy in %s is fresh: reusing it", p.Name, rel(opts.Root, opts.Executed))
		} else {
			opts.Log("%s: executing (%s)", p.Name, why)
			stale = append(stale, p)
		}
	}
	if err := opts.execute(ctx, stale, snapshots); err != nil {
		return nil, err
	}
	executed := make([]*notebook.Notebook, len(pages))
	for i, p := range pages {
		nb, err := notebook.Read(p.Executed)
		if err != nil {
			return nil, err
		}
		if problems := nb.Problems(); len(problems) > 0 {
			return nil, fmt.Errorf("%s does not run cleanly, so it is not published:\n%s", p.Name, strings.Join(problems, "\n---\n"))
		}
		if p.Charts, err = countCharts(nb); err != nil {
			return nil, err
		}
		if err := chartsLoadFromSite(nb); err != nil {
			return nil, err
		}
		p.Runtime = runtimes.estimate(p.Name, nb.Total)
		executed[i] = nb
	}

	if err := os.RemoveAll(opts.Out); err != nil {
		return nil, err
	}
	res := &Result{Out: opts.Out, Pages: pages}
	common := opts.common()
	common["built"] = builtLine(opts.Root, executed[0])
	staged, err := opts.stagePages(stage, pages, common)
	if err != nil {
		return nil, err
	}
	opts.Log("rendering %d pages with nbconvert", len(staged))
	if err := nbconvert(ctx, opts.Root, stage, opts.Out, staged); err != nil {
		return nil, err
	}
	solutions, err := opts.stageSolutions(stage, pages, common)
	if err != nil {
		return nil, err
	}
	res.Solutions = len(solutions)
	if len(solutions) > 0 {
		opts.Log("rendering %d solution pages with nbconvert", len(solutions))
		if err := nbconvert(ctx, opts.Root, stage, filepath.Join(opts.Out, "solutions"), solutions); err != nil {
			return nil, err
		}
	}
	if err := opts.copyAssets(); err != nil {
		return nil, err
	}
	if res.Dropped, err = opts.rewriteLinks(pages); err != nil {
		return nil, err
	}
	problems, err := Check(opts.Out)
	if err != nil {
		return nil, err
	}
	res.Took = time.Since(start)
	if len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			fmt.Fprintf(&b, "\n  %s", p)
		}
		return res, fmt.Errorf("the site in %s has %d broken links:%s", opts.Out, len(problems), b.String())
	}
	return res, nil
}

func (o *Options) defaults() error {
	if o.Root == "" {
		root, err := notebook.Root()
		if err != nil {
			return err
		}
		o.Root = root
	}
	set := func(p *string, def string) {
		if *p == "" {
			*p = def
		}
		*p, _ = filepath.Abs(*p)
	}
	set(&o.Out, filepath.Join(o.Root, "site"))
	set(&o.Notebooks, filepath.Join(o.Root, "notebooks"))
	set(&o.Executed, filepath.Join(o.Root, "reports", "executed"))
	set(&o.Reports, filepath.Join(o.Root, "reports"))
	if o.Log == nil {
		o.Log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "site: "+format+"\n", args...) }
	}
	if o.Repo == "" {
		o.Repo = repoURL(o.Root)
	}
	o.Repo = strings.TrimRight(o.Repo, "/")
	if o.Binder == "" {
		o.Binder = binderURL(o.Root, o.Repo)
	}
	// The site must not replace something that is not a site.
	for _, keep := range []string{o.Root, o.Notebooks, filepath.Dir(o.Root)} {
		if o.Out == keep {
			return fmt.Errorf("site: refusing to build into %s, which Build empties first", o.Out)
		}
	}
	return nil
}

// pages lists the course's notebooks, NN_*.ipynb, in order.
func (o *Options) pages() ([]*Page, error) {
	paths, err := filepath.Glob(filepath.Join(o.Notebooks, "[0-9][0-9]_*.ipynb"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var pages []*Page
	for _, p := range paths {
		if name := filepath.Base(p); strings.Contains(name, o.Only) {
			pages = append(pages, &Page{Name: name})
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("site: no notebooks NN_*.ipynb in %s (filter %q)", o.Notebooks, o.Only)
	}
	return pages, nil
}

// repoURL is the repository's web address, from go.mod's module path.
func repoURL(root string) string {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindSubmatch(b)
	if m == nil {
		return ""
	}
	return "https://" + string(m[1])
}

// binderURL is the address of the README's Binder badge (which opens the notebooks
// folder), else one made from a GitHub repository's address.
func binderURL(root, repo string) string {
	b, _ := os.ReadFile(filepath.Join(root, "README.md"))
	if m := regexp.MustCompile(`https://mybinder\.org/v2/[^\s)"'<>]+`).Find(b); m != nil {
		return string(m)
	}
	if gh, ok := strings.CutPrefix(repo, "https://github.com/"); ok {
		return "https://mybinder.org/v2/gh/" + gh + "/HEAD?urlpath=lab/tree/notebooks"
	}
	return ""
}

// binderFor is Binder's address that opens one notebook, when the address opens the
// notebooks folder.
func binderFor(binder, name string) string {
	if strings.HasSuffix(binder, "urlpath=lab/tree/notebooks") {
		return binder + "/" + name
	}
	return binder
}

// builtLine says where the pages come from, for the footer (Markdown).
func builtLine(root string, nb *notebook.Notebook) string {
	line := "Built by `make site`"
	if out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output(); err == nil {
		line += " from commit `" + strings.TrimSpace(string(out)) + "`"
	}
	line += " with nbconvert."
	if m := machine(nb); m != "" {
		line += " Outputs from one run on " + m + "."
	}
	return line
}

// machine is what the second setup cell printed about the machine, on one line.
func machine(nb *notebook.Notebook) string {
	setups := 0
	for _, c := range nb.CodeCells() {
		if !c.HasTag("setup") {
			continue
		}
		if setups++; setups == 2 {
			lines := strings.Fields(strings.ReplaceAll(strings.TrimSpace(c.Stdout()), "\n", " ¶ "))
			return strings.ReplaceAll(strings.Join(lines, " "), " ¶ ", " · ")
		}
	}
	return ""
}

// nbconvert renders the staged notebooks into out with the site's template.
func nbconvert(ctx context.Context, root, stage, out string, notebooks []string) error {
	py, err := notebook.Python()
	if err != nil {
		return err
	}
	cfg := filepath.Join(root, "internal", "site", "nbconvert", "golab_site_nbconvert.py")
	args := append([]string{"-m", "nbconvert", "--config", cfg, "--output-dir", out}, notebooks...)
	cmd := exec.CommandContext(ctx, py, args...)
	// No configuration of the user's: an empty Jupyter config folder.
	cmd.Env = append(os.Environ(), "JUPYTER_CONFIG_DIR="+filepath.Join(stage, "jupyter-config"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("nbconvert: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// copyAssets puts the site's stylesheets and the vendored echarts, with its licence, into
// _static/.
func (o *Options) copyAssets() error {
	static := filepath.Join(o.Out, "_static")
	if err := os.MkdirAll(static, 0o755); err != nil {
		return err
	}
	assets := filepath.Join(o.Root, "helpers", "chart", "assets")
	echarts := filepath.Base(EchartsFile)
	copies := [][2]string{
		{filepath.Join(o.Root, "internal", "site", "nbconvert", "site.css"), "site.css"},
		{filepath.Join(assets, "echarts.min.js"), echarts},
		{filepath.Join(assets, "LICENSE"), strings.TrimSuffix(echarts, ".min.js") + ".LICENSE.txt"},
		{filepath.Join(assets, "NOTICE"), strings.TrimSuffix(echarts, ".min.js") + ".NOTICE.txt"},
	}
	for _, c := range copies {
		b, err := os.ReadFile(c[0])
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(static, c[1]), b, 0o644); err != nil {
			return err
		}
	}
	// JupyterLab's styles, as nbconvert's "lab" template inlines them in every page: its
	// static/index.css and the light theme (BSD-3-Clause, Project Jupyter).
	py, err := notebook.Python()
	if err != nil {
		return err
	}
	lab := filepath.Join(filepath.Dir(filepath.Dir(py)), "share", "jupyter", "nbconvert", "templates", "lab", "static")
	var css []byte
	for _, f := range []string{"index.css", "theme-light.css"} {
		b, err := os.ReadFile(filepath.Join(lab, f))
		if err != nil {
			return fmt.Errorf("JupyterLab's styles for the site: %w (is nbconvert installed in the venv? run make setup)", err)
		}
		css = append(append(css, b...), '\n')
	}
	return os.WriteFile(filepath.Join(static, "jupyterlab.css"), css, 0o644)
}

// rewriteLinks rewrites the links of the notebook pages (see linker) and returns the
// links it dropped.
func (o *Options) rewriteLinks(pages []*Page) ([]string, error) {
	relNotebooks := filepath.ToSlash(rel(o.Root, o.Notebooks))
	l := &linker{root: o.Root, repo: o.Repo, pages: map[string]string{}}
	for _, p := range pages {
		l.pages[relNotebooks+"/"+p.Name] = p.HTML()
		for _, e := range p.Exercises {
			if e.Solution != "" {
				l.pages[relNotebooks+"/solutions/"+e.Name+".go"] = e.HTML()
			}
		}
	}
	var dropped []string
	for _, p := range pages {
		path := filepath.Join(o.Out, p.HTML())
		doc, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		doc, gone := l.rewritePage(doc, relNotebooks, p.HTML())
		for _, g := range gone {
			o.Log("%s: dropped the link to %s: it is outside the repository", p.HTML(), g)
			dropped = append(dropped, p.HTML()+": "+g)
		}
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			return nil, err
		}
	}
	return dropped, nil
}
func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}
