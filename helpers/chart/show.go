package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
)

// Show displays the chart.
//
// In a GoNB notebook cell it sends one output with three representations:
// display.HTML (the interactive chart, with the numbers behind it in a
// collapsed <details>), display.Plain ([Chart.Text]) and display.Chart (a JSON
// copy of the chart for tests: kind, title, subtitle, axis names, categories,
// series as {name, data}, the data of [Chart.WithData] and the echarts
// option). Before that it makes sure the echarts asset is in
// $GONB_JUPYTER_ROOT/_static/ for Jupyter to serve; if that directory is
// unknown or not writable, the asset is inlined in the output instead (about
// 1 MB).
//
// Outside a notebook it prints [Chart.Text] to [display.Stdout] and, if the
// environment variable GOLAB_CHART_DIR names a directory, also saves the chart
// there with [Chart.SaveHTML], as <title>.html (lower case, dashes; an
// existing file of that name is replaced).
//
// A chart with an error is not drawn: Show prints the message of [Chart.Err]
// instead, such as "chart.Bars: categories is empty" (for a nil chart:
// "chart: the chart is nil …"). Show never panics.
func Show(c *Chart) {
	if err := c.Err(); err != nil {
		fmt.Fprintln(display.Stdout, err)
		return
	}
	if !display.InNotebook() {
		fmt.Fprintln(display.Stdout, c.Text())
		if dir := os.Getenv("GOLAB_CHART_DIR"); dir != "" {
			if err := c.SaveHTML(filepath.Join(dir, c.fileName())); err != nil {
				fmt.Fprintln(display.Stdout, err)
			}
		}
		return
	}
	inline := installAsset(os.Getenv("GONB_JUPYTER_ROOT")) != nil
	display.Bundle(c.bundle(inline))
}

// bundle returns what Show sends: the chart as HTML (with echarts inlined when
// inline is set), as text, and as JSON.
func (c *Chart) bundle(inline bool) map[string]string {
	return map[string]string{
		display.HTML:  c.html(inline),
		display.Plain: c.Text(),
		display.Chart: c.jsonCopy(),
	}
}

// HTML returns the chart as an HTML fragment for a notebook output: the chart's
// <div>, a script that draws it with echarts (loading echarts first, once per
// page, if the page lacks it; see the package documentation) and a collapsed
// <details> with [Chart.Text]. The fragment does not contain echarts itself.
// For a chart with an error it returns the problem in a <pre>.
func (c *Chart) HTML() string {
	if err := c.Err(); err != nil {
		return `<pre class="golab-chart-error">` + html.EscapeString(err.Error()) + "</pre>"
	}
	return c.html(false)
}

// placeholder stands in the chart's <div> until echarts draws over it; it
// stays visible where scripts do not run (an untrusted notebook).
const placeholder = `<p style="margin:0;padding:8px 12px;color:#666;font:13px sans-serif">` +
	`Chart loading… If this stays, scripts did not run: trust the notebook (command palette: ` +
	`Trust Notebook) or rerun the cell. The numbers are listed below.</p>`

// html builds the fragment of HTML and Show.
func (c *Chart) html(inline bool) string {
	var b strings.Builder
	b.WriteString(`<div class="golab-chart">` + "\n")
	if inline {
		b.WriteString(inlineAsset())
	}
	b.WriteString(strings.Replace(c.element, "></div>", ">"+placeholder+"</div>", 1))
	b.WriteString("\n<script>\n")
	b.WriteString(strings.NewReplacer(
		"GOLAB_ID", jsValue(chartID(c.element)),
		"GOLAB_FILE", jsValue(assetDir+"/"+assetName),
		"GOLAB_OPTION", scriptSafe(c.script),
	).Replace(loaderJS))
	b.WriteString("</script>\n")
	b.WriteString(`<details style="margin:4px 0 8px;font-size:13px"><summary style="cursor:pointer;color:#555">` +
		`The numbers behind this chart</summary>` + "\n<pre>" + html.EscapeString(c.Text()) + "</pre></details>\n</div>")
	return b.String()
}

// chartID returns the id attribute of the go-echarts element.
func chartID(element string) string {
	_, rest, _ := strings.Cut(element, `id="`)
	id, _, _ := strings.Cut(rest, `"`)
	return id
}

// scriptSafe makes JavaScript safe inside a <script> element: "</" (as in
// "</script>" in a title) and "<!--" cannot occur in it afterwards. Both are
// only possible inside string literals, where "<\/" and "<\!--" mean the same.
func scriptSafe(js string) string {
	return strings.NewReplacer("</", `<\/`, "<!--", `<\!--`).Replace(js)
}

// inlineAsset returns a <script> that defines window.echarts from the
// embedded asset. Shadowing define, module and exports makes echarts' UMD
// wrapper set window.echarts even when RequireJS is on the page.
func inlineAsset() string {
	return "<script>/* Apache ECharts " + assetName + ", Apache License 2.0 */\n" +
		"(function (define, module, exports) {\n" + echartsJS + "\n}).call(window);\n</script>\n"
}

// installAsset makes sure root/_static/echarts-5.6.0.min.js holds the embedded
// asset, writing it atomically (a temporary file renamed into place) only when
// it is missing or different. It returns an error if root is empty or the
// file cannot be written.
func installAsset(root string) error {
	if root == "" {
		return fmt.Errorf("chart: GONB_JUPYTER_ROOT is not set")
	}
	dir := filepath.Join(root, assetDir)
	path := filepath.Join(dir, assetName)
	if info, err := os.Stat(path); err == nil && info.Size() == int64(len(echartsJS)) {
		if b, err := os.ReadFile(path); err == nil && string(b) == echartsJS {
			return nil
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".echarts-*.tmp")
	if err != nil {
		return err
	}
	_, err = f.WriteString(echartsJS)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// SaveHTML writes the chart as a standalone HTML page to path, replacing any
// file there. echarts is inlined in the page, so it works offline, opened
// from file://. It returns the chart's error if it has one, or an error
// naming path if it cannot write the file.
func (c *Chart) SaveHTML(path string) error {
	if err := c.Err(); err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("chart.SaveHTML: path is empty")
	}
	if err := os.WriteFile(path, []byte(c.page()), 0o644); err != nil {
		return fmt.Errorf("chart.SaveHTML: %w", err)
	}
	return nil
}

// page returns the standalone page of SaveHTML.
func (c *Chart) page() string {
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<title>" + html.EscapeString(heading(c.kind, c.labels)) + "</title>\n" +
		inlineAsset() +
		"</head>\n<body style=\"margin:16px auto;max-width:1100px;padding:0 16px;font-family:system-ui,sans-serif\">\n" +
		c.html(false) + "\n</body>\n</html>\n"
}

// fileName returns the file name Show uses under GOLAB_CHART_DIR: the title
// in lower case with dashes, or the chart kind.
func (c *Chart) fileName() string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(c.labels.Title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	name := b.String()
	if len(name) > 60 {
		name = strings.TrimRight(name[:60], "-")
	}
	return orDefault(name, c.kind) + ".html"
}

// chartCopy is the JSON copy of a chart (the display.Chart MIME type).
type chartCopy struct {
	Kind       string                     `json:"kind"`
	Title      string                     `json:"title"`
	Subtitle   string                     `json:"subtitle"`
	X          string                     `json:"x"`
	Y          string                     `json:"y"`
	Categories []string                   `json:"categories,omitempty"`
	Bins       [][2]float64               `json:"bins,omitempty"`
	Series     []seriesCopy               `json:"series"`
	Data       map[string]json.RawMessage `json:"data,omitempty"`
	Option     json.RawMessage            `json:"option"`
}

// jsonCopy returns the JSON copy of a chart built without error.
func (c *Chart) jsonCopy() string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(chartCopy{
		Kind: c.kind, Title: c.labels.Title, Subtitle: c.labels.Subtitle, X: c.labels.X, Y: c.labels.Y,
		Categories: c.categories, Bins: c.bins, Series: c.series, Data: c.data, Option: c.option,
	})
	if err != nil {
		return fmt.Sprintf(`{"kind":%q,"error":%q}`, c.kind, err.Error())
	}
	return strings.TrimSpace(buf.String())
}
