package site

import (
	"fmt"
	"strings"
	"testing"
)

func TestScanTags(t *testing.T) {
	doc := `<!DOCTYPE html><html><head><title>a <a href="no"></title>
<script>if (a<b && c) { x = '<a href="no">'; }</script><STYLE>p{}</style></head>
<!-- <a href="no"> -->
<body class=x>1 < 2 <A HREF='one.html#x' data-z>one</a>
<a href="two.html?a=1&amp;b=2">two</a><img src=pic.png alt="p"/><br/><input disabled>
<div id="cell-id=abc"></div></body></html>`
	var got []string
	scanTags([]byte(doc), func(tg *tag) {
		var attrs []string
		for _, a := range tg.attrs {
			attrs = append(attrs, fmt.Sprintf("%s=%q", a.name, a.value))
		}
		got = append(got, tg.name+"("+strings.Join(attrs, " ")+")")
	})
	want := []string{
		`html()`, `head()`, `title()`, `script()`, `style()`, `body(class="x")`,
		`a(href="one.html#x" data-z="")`, `a(href="two.html?a=1&b=2")`, `img(src="pic.png" alt="p")`,
		`br()`, `input(disabled="")`, `div(id="cell-id=abc")`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tags:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestScanTagsOffsets(t *testing.T) {
	doc := []byte(`<p><a class="k" href = "x.ipynb#h">x</a><a href=y.go>y</a></p>`)
	var edits []edit
	scanTags(doc, func(tg *tag) {
		a, ok := tg.get("href")
		if !ok {
			return
		}
		if a.value == "y.go" {
			edits = append(edits, edit{a.start, a.end, ""}) // drop the attribute
		} else {
			edits = append(edits, edit{a.vstart, a.vend, "x.html#h"})
		}
	})
	got := string(apply(doc, edits))
	want := `<p><a class="k" href = "x.html#h">x</a><a >y</a></p>`
	if got != want {
		t.Errorf("apply:\n got %s\nwant %s", got, want)
	}
}

func TestScanTagsUnterminated(t *testing.T) {
	for _, doc := range []string{`<a href="x`, `<script>never closed`, `<!-- open`, `<a`, `<`, `<p attr=`} {
		n := 0
		scanTags([]byte(doc), func(*tag) { n++ }) // must not panic or loop
		if n > 1 {
			t.Errorf("%q: %d tags", doc, n)
		}
	}
}

func TestHeadingAbove(t *testing.T) {
	doc := []byte(`<h1 id="Title">T</h1><div id="cell-id=a"></div><h2 id="Exercise-1">E</h2><p id="p">x</p>` +
		`<div id="cell-id=b"></div><h3 id="Later">L</h3>`)
	for cell, want := range map[string]string{"cell-id=a": "Title", "cell-id=b": "Exercise-1", "cell-id=none": ""} {
		if got := headingAbove(doc, cell); got != want {
			t.Errorf("headingAbove(%s) = %q, want %q", cell, got, want)
		}
	}
	if got := headingAbove([]byte(`<div id="cell-id=a"></div>`), "cell-id=a"); got != "" {
		t.Errorf("no heading above: %q", got)
	}
}
