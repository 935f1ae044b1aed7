package site

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// EchartsFile is where a chart's loader (helpers/chart/loader.js) looks for echarts
// relative to the page when the page is not served by Jupyter; Build copies the vendored
// asset there, and refuses to build when a chart's HTML names another file.
const EchartsFile = "_static/echarts-5.6.0.min.js"

// linker maps links of the course's sources to the site: notebook to notebook page,
// solution to solution page, the README (the course's front page on GitHub) to the
// index, any other file of the repository to its page on the repository's web site.
// Links to files outside the repository are dropped. Paths are slash-separated and
// relative to the repository root.
type linker struct {
	root  string            // the repository on disk
	repo  string            // its web address, e.g. https://github.com/go-concurrency-lab/course
	pages map[string]string // source → page in the site: notebooks/01_x.ipynb → 01_x.html
}

// rewrite returns what the link href of the page built from a source in srcDir and
// written at page (in the site) becomes, and false when the link must go because its
// target is outside the repository.
func (l *linker) rewrite(srcDir, page, href string) (string, bool) {
	target, frag, hasFrag := strings.Cut(href, "#")
	if target == "" {
		return href, true
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(target, "/") || u.Path == "" {
		return href, true // external, absolute or odd: the check judges it
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		return href, true
	}
	src := path.Join(srcDir, p)
	withFrag := func(s string) string {
		if hasFrag {
			return s + "#" + frag
		}
		return s
	}
	if to, ok := l.pages[src]; ok {
		return withFrag(relative(page, to)), true
	}
	if src == "README.md" && !hasFrag {
		return relative(page, "index.html"), true // the course's front page, on the site
	}
	if src == ".." || strings.HasPrefix(src, "../") {
		return "", false
	}
	st, err := os.Stat(filepath.Join(l.root, filepath.FromSlash(src)))
	switch {
	case err != nil || l.repo == "":
		return href, true // not a file of the repository: the check reports it
	case st.IsDir():
		return withFrag(l.repo + "/tree/HEAD/" + escapePath(src)), true
	default:
		return withFrag(l.repo + "/blob/HEAD/" + escapePath(src)), true
	}
}

// rewritePage applies rewrite to the href of every <a> of doc; a link that must go
// loses its href and stays as text. It returns the new page and what it dropped.
func (l *linker) rewritePage(doc []byte, srcDir, page string) ([]byte, []string) {
	var edits []edit
	var dropped []string
	scanTags(doc, func(t *tag) {
		if t.name != "a" {
			return
		}
		a, ok := t.get("href")
		if !ok || a.vstart < 0 {
			return
		}
		to, keep := l.rewrite(srcDir, page, a.value)
		switch {
		case !keep:
			edits = append(edits, edit{a.start, a.end, ""})
			dropped = append(dropped, a.value)
		case to != a.value:
			edits = append(edits, edit{a.vstart, a.vend, html.EscapeString(to)})
		}
	})
	return apply(doc, edits), dropped
}

// relative is the link from the page at from to the page at to, both relative to the
// site's root.
func relative(from, to string) string {
	r, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(to))
	if err != nil {
		return to
	}
	return filepath.ToSlash(r)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// Problem is a link of the site that does not work offline.
type Problem struct {
	Page string // the page, relative to the site's root
	Link string // the link as written
	Why  string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %q: %s", p.Page, p.Link, p.Why) }

// What each tag loads (the page needs it) and where it leads (a reader follows it).
var (
	loads = map[string]string{"script": "src", "img": "src", "iframe": "src", "source": "src", "embed": "src",
		"video": "src", "audio": "src", "track": "src", "input": "src", "link": "href", "object": "data"}
	leads = map[string]string{"a": "href", "area": "href"}
)

// Check checks every link of the site in dir: each link to a page or file of the site
// resolves to a file, each #fragment to an element of the page with that id (or an <a>
// with that name), nothing leaves the site by "..", no page loads anything from the
// network, and a page that shows a chart finds echarts at EchartsFile beside it. Links to
// other web sites are not followed. It returns the problems, sorted.
func Check(dir string) ([]Problem, error) {
	type ref struct {
		page, link string
		load       bool
	}
	ids := map[string]map[string]bool{} // page → ids
	var refs []ref
	var problems []Problem
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		doc, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		page := filepath.ToSlash(rel)
		ids[page] = map[string]bool{}
		charts := false
		scanTags(doc, func(t *tag) {
			for _, a := range t.attrs {
				switch {
				case a.name == "id" || (a.name == "name" && t.name == "a"):
					ids[page][a.value] = true
				case a.name == "class" && t.name == "div" && hasWord(a.value, "golab-chart"):
					charts = true
				case a.name == loads[t.name]:
					refs = append(refs, ref{page, a.value, true})
				case a.name == leads[t.name]:
					refs = append(refs, ref{page, a.value, false})
				}
			}
		})
		if charts && !fileExists(filepath.Join(filepath.Dir(p), filepath.FromSlash(EchartsFile))) {
			problems = append(problems, Problem{page, EchartsFile, "the page shows charts and their loader finds no echarts there"})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		if why := resolve(dir, ids, r.page, r.link, r.load); why != "" {
			problems = append(problems, Problem{r.page, r.link, why})
		}
	}
	sort.Slice(problems, func(i, j int) bool {
		if problems[i].Page != problems[j].Page {
			return problems[i].Page < problems[j].Page
		}
		return problems[i].Link < problems[j].Link
	})
	return problems, nil
}

// resolve returns why the link of page does not resolve in the site, or "".
func resolve(dir string, ids map[string]map[string]bool, page, link string, load bool) string {
	target, frag, _ := strings.Cut(link, "#")
	u, err := url.Parse(target)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	switch {
	case u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about":
		return ""
	case u.Scheme != "" || u.Host != "":
		if load {
			return "loads from the network: the site must work offline"
		}
		return "" // another web site: not followed
	case strings.HasPrefix(u.Path, "/"):
		return "an absolute path: use a relative link, so that the site works under any address"
	}
	to := page
	if u.Path != "" {
		p, err := url.PathUnescape(u.Path)
		if err != nil {
			return "bad path: " + err.Error()
		}
		to = path.Join(path.Dir(page), p)
		if to == ".." || strings.HasPrefix(to, "../") {
			return "points outside the site"
		}
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(to)))
		if err == nil && st.IsDir() {
			to = path.Join(to, "index.html")
			st, err = os.Stat(filepath.Join(dir, filepath.FromSlash(to)))
		}
		if err != nil {
			return "no such file in the site"
		}
	}
	if frag == "" || !strings.HasSuffix(to, ".html") {
		return ""
	}
	anchors := ids[to]
	if anchors[frag] {
		return ""
	}
	if f, err := url.PathUnescape(frag); err == nil && anchors[f] {
		return ""
	}
	return fmt.Sprintf("%s has no element with id %q", to, frag)
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if w == word {
			return true
		}
	}
	return false
}

// headingAbove returns the id of the last heading before the element with id cellID in
// a page nbconvert rendered, or "" when there is none or no such element: where a link
// to an exercise should land, so that its statement shows.
func headingAbove(doc []byte, cellID string) string {
	last, found := "", false
	scanTags(doc, func(t *tag) {
		if found {
			return
		}
		a, ok := t.get("id")
		if !ok {
			return
		}
		switch {
		case a.value == cellID:
			found = true
		case len(t.name) == 2 && t.name[0] == 'h' && t.name[1] >= '1' && t.name[1] <= '6':
			last = a.value
		}
	})
	if !found {
		return ""
	}
	return last
}
