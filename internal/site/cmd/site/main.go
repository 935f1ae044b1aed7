// Command site builds the course website into site/ (`make site`): every notebook
// executed (or its fresh executed copy reused) and rendered to HTML with live charts, an
// index with the course map, and a page per exercise solution; then it checks every link.
// See the documentation of internal/site.
//
//	go run ./internal/site/cmd/site [-out DIR] [-execute] [-notebook SUBSTRING]
//	python -m http.server -d site     # then open http://127.0.0.1:8000/
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/go-concurrency-lab/course/internal/site"
)

func main() {
	var opts site.Options
	flag.StringVar(&opts.Out, "out", "", "the site's folder, emptied first (default: site/ of the repository)")
	flag.BoolVar(&opts.Execute, "execute", false, "execute every notebook, even those whose executed copy in reports/executed is fresh")
	flag.StringVar(&opts.Only, "notebook", "", "build only the notebooks whose file name contains this")
	flag.StringVar(&opts.Notebooks, "notebooks", "", "the notebooks' folder (default: notebooks/ of the repository)")
	flag.StringVar(&opts.Repo, "repo", "", "the repository's web address, for links to files outside the site (default: from go.mod)")
	flag.StringVar(&opts.Binder, "binder", "", "Binder's address of the notebooks folder (default: the README's Binder badge)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := site.Build(ctx, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(1)
	}
	reused := 0
	for _, p := range res.Pages {
		if p.Reused {
			reused++
		}
	}
	fmt.Printf("site: %d notebooks (%d executed now, %d reused from reports/executed), %d solution pages, index; "+
		"every link checked; built in %v.\n", len(res.Pages), len(res.Pages)-reused, reused, res.Solutions, res.Took.Round(100*time.Millisecond))
	fmt.Printf("site: %s\nsite: serve it with: python -m http.server -d %s   (then open http://127.0.0.1:8000/)\n", res.Out, res.Out)
}
