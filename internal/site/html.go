package site

import (
	"bytes"
	"html"
)

// The site's pages are HTML that nbconvert wrote, and the site's own. Rewriting their
// links and checking them needs only the start tags and their attributes, with byte
// offsets so that a rewrite leaves every other byte as it was. scanTags finds them the
// way a browser's tokenizer does for such pages: comments, doctypes and end tags are
// skipped, and the contents of script, style, textarea and title are raw text, never tags.
// (golang.org/x/net/html would do as well, but adding it to go.mod moves the version of
// golang.org/x/text that GoNB is built with.)

// tag is a start tag.
type tag struct {
	name  string // lower case
	attrs []attr
}

// attr is one attribute of a start tag.
type attr struct {
	name       string // lower case
	value      string // with character references decoded
	start, end int    // the whole attribute in the document: name, "=" and value
	vstart     int    // the raw value (quotes excluded): doc[vstart:vend]; -1 without a value
	vend       int
}

// get returns the value of the named attribute.
func (t *tag) get(name string) (*attr, bool) {
	for i := range t.attrs {
		if t.attrs[i].name == name {
			return &t.attrs[i], true
		}
	}
	return nil, false
}

var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "noembed": true, "noframes": true}

// scanTags calls fn for every start tag of doc, in order.
func scanTags(doc []byte, fn func(t *tag)) {
	n := len(doc)
	i := 0
	for i < n {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("-->"))
			if k < 0 {
				return
			}
			i += 4 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")), bytes.HasPrefix(rest, []byte("</")):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return
			}
			i += k + 1
			continue
		case len(rest) < 2 || !isLetter(rest[1]):
			i++ // a "<" in text
			continue
		}
		t, end := parseTag(doc, i)
		fn(t)
		i = end
		if rawText[t.name] {
			k := indexFold(doc[i:], "</"+t.name)
			if k < 0 {
				return
			}
			i += k
		}
	}
}

// parseTag parses the start tag at doc[i] == '<' and returns it and the offset after it.
func parseTag(doc []byte, i int) (*tag, int) {
	n := len(doc)
	j := i + 1
	for j < n && !isSpace(doc[j]) && doc[j] != '>' && doc[j] != '/' {
		j++
	}
	t := &tag{name: string(bytes.ToLower(doc[i+1 : j]))}
	for j < n {
		for j < n && (isSpace(doc[j]) || doc[j] == '/') {
			j++
		}
		if j >= n {
			return t, n
		}
		if doc[j] == '>' {
			return t, j + 1
		}
		a := attr{start: j, vstart: -1, vend: -1}
		k := j + 1 // an attribute name may start with "="
		for k < n && !isSpace(doc[k]) && doc[k] != '>' && doc[k] != '/' && doc[k] != '=' {
			k++
		}
		a.name = string(bytes.ToLower(doc[j:k]))
		v := k
		for v < n && isSpace(doc[v]) {
			v++
		}
		if v < n && doc[v] == '=' {
			v++
			for v < n && isSpace(doc[v]) {
				v++
			}
			if v < n && (doc[v] == '"' || doc[v] == '\'') {
				q := doc[v]
				e := bytes.IndexByte(doc[v+1:], q)
				if e < 0 {
					e = n - v - 1
				}
				a.vstart, a.vend = v+1, v+1+e
				k = min(v+1+e+1, n)
			} else {
				e := v
				for e < n && !isSpace(doc[e]) && doc[e] != '>' {
					e++
				}
				a.vstart, a.vend = v, e
				k = e
			}
			a.value = html.UnescapeString(string(doc[a.vstart:a.vend]))
		}
		a.end = k
		t.attrs = append(t.attrs, a)
		j = k
	}
	return t, n
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// indexFold is bytes.Index, ignoring ASCII case; sep is lower case.
func indexFold(s []byte, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		j := 0
		for j < len(sep) && s[i+j]|0x20 == sep[j]|0x20 {
			j++
		}
		if j == len(sep) {
			return i
		}
	}
	return -1
}

// edit replaces doc[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// apply returns doc with the edits, which are in order and do not overlap.
func apply(doc []byte, edits []edit) []byte {
	if len(edits) == 0 {
		return doc
	}
	var b bytes.Buffer
	b.Grow(len(doc))
	at := 0
	for _, e := range edits {
		b.Write(doc[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(doc[at:])
	return b.Bytes()
}
