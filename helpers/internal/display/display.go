// Package display sends rich output to the notebook a program runs in.
//
// Inside a GoNB cell, [Bundle] sends one Jupyter display message that carries several
// representations of the same thing: HTML for JupyterLab, plain text for terminals and
// screen readers, and any other MIME type a test may want to read. Outside a notebook
// (go run, go test) it prints the plain text to standard output and sends nothing.
package display

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// MIME types used by the course.
const (
	HTML  = "text/html"
	Plain = "text/plain"
	// Chart is the MIME type of the JSON copy of a chart that tests read.
	Chart = "application/vnd.go-concurrency-lab.chart+json"
)

// Stdout is where plain text goes outside a notebook: by default whatever os.Stdout is
// at the time of the write (so Example tests, which swap os.Stdout, see it). Tests
// read it with [Capture].
var Stdout io.Writer = currentStdout{}

// Capture runs f and returns what it wrote to [Stdout] meanwhile: the stdout hook of
// the helpers' tests. Stdout is restored when f returns or panics. Capture is not
// safe for concurrent use: tests that call it must not run in parallel.
func Capture(f func()) string {
	var out bytes.Buffer
	saved := Stdout
	Stdout = &out
	defer func() { Stdout = saved }()
	f()
	return out.String()
}

type currentStdout struct{}

func (currentStdout) Write(p []byte) (int, error) { return os.Stdout.Write(p) }

// InNotebook reports whether the program runs as a GoNB cell.
func InNotebook() bool { return gonbui.IsNotebook }

// Bundle displays one output with several representations, keyed by MIME type.
// Values are strings. Outside a notebook it prints bundle[Plain], if any.
// Bundle waits until GoNB has received the message, so output is not lost when
// the cell's program exits right after.
func Bundle(bundle map[string]string) {
	if !InNotebook() {
		if text, ok := bundle[Plain]; ok {
			fmt.Fprintln(Stdout, text)
		}
		return
	}
	gonbui.SendData(toData(bundle, ""))
	gonbui.Sync()
}

// Update creates, or replaces in place, the output block named id. It is meant for
// transient content such as progress bars; it does not wait for GoNB. Outside a
// notebook it does nothing: callers print their own plain text at a modest rate.
func Update(id string, bundle map[string]string) {
	if !InNotebook() {
		return
	}
	gonbui.SendData(toData(bundle, id))
}

// NewID returns an id for [Update] that is unique in this kernel session.
func NewID() string { return "golab-" + gonbui.UniqueId() }

func toData(bundle map[string]string, id string) *protocol.DisplayData {
	data := &protocol.DisplayData{Data: make(map[protocol.MIMEType]any, len(bundle)), DisplayID: id}
	for mime, content := range bundle {
		data.Data[protocol.MIMEType(mime)] = content
	}
	return data
}
