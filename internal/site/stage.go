package site

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// common is the page metadata every page shares.
func (o *Options) common() map[string]any {
	return map[string]any{"repo": o.Repo, "binder": o.Binder, "root": ""}
}

// stagePages writes the notebooks nbconvert renders into dir: each notebook's executed
// copy and the index, with their page metadata, and returns their paths.
func (o *Options) stagePages(dir string, pages []*Page, common map[string]any) ([]string, error) {
	link := func(p *Page) map[string]any {
		if p == nil {
			return nil
		}
		return map[string]any{"href": p.HTML(), "label": p.Label}
	}
	var staged []string
	var cards []map[string]any
	for i, p := range pages {
		var prev, next *Page
		if i > 0 {
			prev = pages[i-1]
		}
		if i+1 < len(pages) {
			next = pages[i+1]
		}
		nb, err := readJSON(p.Executed)
		if err != nil {
			return nil, err
		}
		setPage(nb, plain(p.Number+" · "+p.Title), with(common, map[string]any{
			"kind": "notebook", "notebook": p.Name, "prev": link(prev), "next": link(next),
			"binder": binderFor(o.Binder, p.Name),
		}))
		path := filepath.Join(dir, p.Base+".ipynb")
		if err := writeJSON(path, nb); err != nil {
			return nil, err
		}
		staged = append(staged, path)
		cards = append(cards, map[string]any{
			"href": p.HTML(), "number": p.Number, "title": p.Title, "goal": p.Goal,
			"runtime": p.Runtime.String(), "runtime_note": "Run All, measured by " + p.Runtime.Source,
			"charts": p.Charts, "exercises": len(p.Exercises),
		})
	}
	index := map[string]any{
		"cells":    []any{markdownCell("intro", indexIntro)},
		"metadata": map[string]any{},
		"nbformat": 4, "nbformat_minor": 5,
	}
	setPage(index, "", with(common, map[string]any{"kind": "index", "cards": cards, "note": runtimeNote(pages)}))
	path := filepath.Join(dir, "index.ipynb")
	if err := writeJSON(path, index); err != nil {
		return nil, err
	}
	return append(staged, path), nil
}

//go:embed index.md
var indexIntro string

// stageSolutions writes the notebook of each solution page into dir/solutions: a short
// text that links back to the exercise's heading, then the solution as the code cell a
// learner pastes over the starter. The pages must be rendered already: the link's anchor
// is the heading's id in the page.
func (o *Options) stageSolutions(dir string, pages []*Page, common map[string]any) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(dir, "solutions"), 0o755); err != nil {
		return nil, err
	}
	var staged []string
	for _, p := range pages {
		doc, err := os.ReadFile(filepath.Join(o.Out, p.HTML()))
		if err != nil {
			return nil, err
		}
		md, err := readJSON(p.Executed)
		if err != nil {
			return nil, err
		}
		meta, _ := md["metadata"].(map[string]any)
		for i := range p.Exercises {
			e := &p.Exercises[i]
			if e.Solution == "" {
				continue
			}
			if e.CellID != "" {
				e.Anchor = headingAbove(doc, "cell-id="+e.CellID)
			}
			code, err := notebook.SolutionSource(e.Solution)
			if err != nil {
				return nil, err
			}
			back := "../" + p.HTML() + anchor(e.Anchor)
			file := filepath.ToSlash(rel(o.Root, e.Solution))
			text := fmt.Sprintf("# Solution: %s\n\n"+
				"From [%s](%s). Try the exercise yourself first: its check cell tells you what is still wrong.\n\n"+
				"To use this solution, paste it over the exercise's starter cell, run that cell, then run the check cell below it. "+
				"It is [`%s`](%s/blob/HEAD/%s) in the repository.",
				e.Heading, p.Label, back, file, o.Repo, escapePath(file))
			nb := map[string]any{
				"cells":    []any{markdownCell("solution-text", text), codeCell("solution", code)},
				"metadata": map[string]any{"kernelspec": meta["kernelspec"], "language_info": meta["language_info"]},
				"nbformat": 4, "nbformat_minor": 5,
			}
			setPage(nb, plain("Solution: "+e.Heading), with(common, map[string]any{
				"kind": "solution", "root": "../", "back": map[string]any{"href": back, "label": p.Label},
			}))
			path := filepath.Join(dir, "solutions", e.Name+".ipynb")
			if err := writeJSON(path, nb); err != nil {
				return nil, err
			}
			staged = append(staged, path)
		}
	}
	return staged, nil
}

// with returns a copy of common with the entries of m added.
func with(common, m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range common {
		out[k] = v
	}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// runtimeNote says where the index's run times come from (Markdown).
func runtimeNote(pages []*Page) string {
	var sources []string
	for _, p := range pages {
		if s := p.Runtime.Source; p.Runtime.String() != "" && !slices.Contains(sources, s) {
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		return ""
	}
	how := map[string]string{
		"make bench":         "`make bench`",
		"the notebook tests": "the notebook tests (`make test-notebooks`)",
		"this build":         "the run that made these pages",
	}
	var parts []string
	for _, s := range sources {
		parts = append(parts, how[s])
	}
	return "Run times are for *Run All* with warm Go caches, as measured by " + strings.Join(parts, " and ") +
		" (hover over a time to see which); the first run after installing compiles the helpers and takes longer."
}

func anchor(id string) string {
	if id == "" {
		return ""
	}
	return "#" + id
}

// plain strips the Markdown of a title for <title>.
func plain(md string) string {
	return strings.NewReplacer("`", "", "**", "", "*", "").Replace(md)
}

func setPage(nb map[string]any, title string, site map[string]any) {
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	if title == "" {
		title = "Go Concurrency Lab"
	} else {
		title += " · Go Concurrency Lab"
	}
	md["title"] = title
	md["golab_site"] = site
}

func markdownCell(id, text string) map[string]any {
	return map[string]any{"cell_type": "markdown", "id": id, "metadata": map[string]any{}, "source": text}
}

func codeCell(id, code string) map[string]any {
	return map[string]any{"cell_type": "code", "id": id, "metadata": map[string]any{}, "source": code,
		"execution_count": nil, "outputs": []any{}}
}

func readJSON(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
