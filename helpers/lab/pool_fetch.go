// Used by notebook 08 (08_patterns.ipynb).

package lab

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
)

// Site is a stand-in web site for the bounded-fetch exercise: it serves pages
// of made-up URLs, one of which may fail, through Fetch, and tells afterwards,
// with Verify, whether the fetching code returned the right pages in the right
// order, returned the failure, and stopped starting fetches after it.
//
// Every fetch that is not cancelled calls the job given to NewSite, which
// stands for the request (a check.AtMost job, which counts the requests in
// flight). Its methods are safe for concurrent use.
type Site struct {
	urls    []string
	broken  int // index of the URL that fails, or -1
	job     func()
	failed  atomic.Bool  // the broken fetch has returned its error
	late    atomic.Int64 // fetches that started their request after that
	fetches atomic.Int64 // requests made
}

// errServer is the error of the broken page's fetch (wrapped with its URL).
var errServer = errors.New("500 Internal Server Error")

// NewSite returns a site of pages URLs. If broken is between 0 and pages-1,
// fetching that URL fails with errServer; otherwise every fetch succeeds.
// job is called by every fetch that is not cancelled; nil means no job.
func NewSite(pages, broken int, job func()) *Site {
	s := &Site{broken: -1, job: job}
	if broken >= 0 && broken < pages {
		s.broken = broken
	}
	for i := range max(pages, 0) {
		s.urls = append(s.urls, fmt.Sprintf("https://example.com/page/%d", i))
	}
	return s
}

// URLs returns the site's URLs, in order.
func (s *Site) URLs() []string { return slices.Clone(s.urls) }

// Page returns the page that Fetch returns for url.
func Page(url string) string { return "<html>" + url + "</html>" }

// Fetch fetches url: it returns ctx's error at once if ctx is done (a
// cancelled request does no work), otherwise it makes the request (the job)
// and returns the page, or an error wrapping errServer for the broken URL.
func (s *Site) Fetch(ctx context.Context, url string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if s.failed.Load() {
		s.late.Add(1)
	}
	s.fetches.Add(1)
	if s.job != nil {
		s.job()
	}
	if s.broken >= 0 && url == s.urls[s.broken] {
		s.failed.Store(true)
		return "", fmt.Errorf("GET %s: %w", url, errServer)
	}
	if !slices.Contains(s.urls, url) {
		return "", fmt.Errorf("GET %s: 404 Not Found", url)
	}
	return Page(url), nil
}

// Verify says what is wrong with what the fetching code returned, or nil:
// without a broken page, pages must hold every page in the order of URLs and
// err must be nil; with one, err must wrap errServer, and at most limit
// requests may have started after the broken fetch returned (those already
// allowed to start; the others must see the cancelled context).
func (s *Site) Verify(pages []string, err error, limit int) error {
	if s.broken < 0 {
		if err != nil {
			return fmt.Errorf("no page failed, but the error %q came back", err)
		}
		if len(pages) != len(s.urls) {
			return fmt.Errorf("got %d pages for %d URLs", len(pages), len(s.urls))
		}
		for i, url := range s.urls {
			if pages[i] != Page(url) {
				return fmt.Errorf("pages[%d] is %.40q, want the page of %s: keep the pages in the order of the URLs", i, pages[i], url)
			}
		}
		return nil
	}
	if !errors.Is(err, errServer) {
		return fmt.Errorf("page %d failed with %q, but the error returned was %v", s.broken, errServer, err)
	}
	if late := s.late.Load(); late > int64(limit) {
		return fmt.Errorf("%d requests started after page %d failed (of %d in all): fetches not yet started must not start (cancel them with the context)", late, s.broken, s.fetches.Load())
	}
	return nil
}
