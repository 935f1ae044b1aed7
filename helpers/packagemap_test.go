package helpers

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// maxPackages is the most public packages helpers/ may hold, this one included.
const maxPackages = 10

// The package map: helpers.go's list names every folder under helpers/, and the
// README lists the same packages. Adding a folder without an entry fails here.
func TestPackageMap(t *testing.T) {
	problems, err := packageMapProblems("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// packageMapProblems compares, in the repository at root, the public packages
// under root/helpers (the folder itself and every folder in it except internal,
// testdata and those the go tool ignores), the package list in the doc comment
// of root/helpers/helpers.go (its "- [.../helpers/name]" items) and the list
// of helper packages in root/README.md (the "- `name`" items after the line
// that starts with "The helper packages"). It returns one sentence per
// disagreement, and an error if a list cannot be read.
func packageMapProblems(root string) ([]string, error) {
	dirs, err := packageDirs(filepath.Join(root, "helpers"))
	if err != nil {
		return nil, err
	}
	doc, err := docPackages(filepath.Join(root, "helpers", "helpers.go"))
	if err != nil {
		return nil, err
	}
	readme, err := readmePackages(filepath.Join(root, "README.md"))
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, d := range dirs {
		if !slices.Contains(doc, d) {
			problems = append(problems, fmt.Sprintf("%s has no entry in the package list of helpers/helpers.go", dirName(d)))
		}
	}
	for _, name := range doc {
		if !slices.Contains(dirs, name) {
			problems = append(problems, fmt.Sprintf("helpers/helpers.go lists %s, but there is no folder %s", name, dirName(name)))
		}
	}
	if !slices.Equal(doc, readme) {
		problems = append(problems, fmt.Sprintf("README.md lists the helper packages %v, helpers/helpers.go lists %v", readme, doc))
	}
	if len(dirs) > maxPackages {
		problems = append(problems, fmt.Sprintf("helpers/ holds %d public packages %v, want at most %d", len(dirs), dirs, maxPackages))
	}
	return problems, nil
}

// dirName is the folder of a package in the list: helpers, or helpers/name.
func dirName(name string) string {
	if name == "helpers" {
		return "helpers/"
	}
	return "helpers/" + name + "/"
}

// packageDirs returns "helpers" and the name of every folder in dir except
// internal, testdata and those whose name starts with "." or "_".
func packageDirs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := []string{"helpers"}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && n != "internal" && n != "testdata" && !strings.HasPrefix(n, ".") && !strings.HasPrefix(n, "_") {
			names = append(names, n)
		}
	}
	return names, nil
}

var docItem = regexp.MustCompile(`^- \[(?:\S+/)?helpers(?:/(\w+))?\]`)

// docPackages returns the packages the doc comment of the Go file at path
// lists, in order: "helpers" for an item that links the root package.
func docPackages(path string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		if m := docItem.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			names = append(names, cmpOr(m[1], "helpers"))
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: the package doc lists no package (items like \"- [module/helpers/name] ...\")", path)
	}
	return names, nil
}

func cmpOr(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

var readmeItem = regexp.MustCompile("^- `(\\w+)`")

// readmePackages returns the names in the first list of "- `name`" items after
// the line that starts with "The helper packages" in the Markdown file at path.
func readmePackages(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	found := false
	for lines := bufio.NewScanner(f); lines.Scan(); {
		line := lines.Text()
		switch m := readmeItem.FindStringSubmatch(line); {
		case !found:
			found = strings.HasPrefix(line, "The helper packages")
		case m != nil:
			names = append(names, m[1])
		case len(names) > 0 && !strings.HasPrefix(line, "  "):
			return names, nil // the list has ended (a continuation line is indented)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no list of \"- `name`\" items after a line that starts with \"The helper packages\"", path)
	}
	return names, nil
}

// tree writes a repository with the given folders under helpers/, a helpers.go
// whose doc lists doc, and a README that lists readme.
func tree(t *testing.T, dirs, doc, readme []string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range append([]string{"."}, dirs...) {
		if err := os.MkdirAll(filepath.Join(root, "helpers", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var src strings.Builder
	src.WriteString("// Package helpers is a toolbox.\n//\n// The packages:\n")
	for _, name := range doc {
		path := "example.com/m/helpers"
		if name != "helpers" {
			path += "/" + name
		}
		fmt.Fprintf(&src, "//   - [%s] does one job;\n", path)
	}
	src.WriteString("//\n// More prose, naming [example.com/m/helpers/stray] outside the list.\npackage helpers\n")
	var md strings.Builder
	md.WriteString("# Course\n\n- `notalist`: before the heading line\n\nThe helper packages, one job each:\n\n")
	for _, name := range readme {
		fmt.Fprintf(&md, "- `%s`: does one job\n", name)
	}
	md.WriteString("\nWhere a new helper goes.\n\n- `later`: another list\n")
	for path, text := range map[string]string{"helpers/helpers.go": src.String(), "README.md": md.String()} {
		if err := os.WriteFile(filepath.Join(root, path), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestPackageMapProblems(t *testing.T) {
	pkgs := []string{"helpers", "trials", "lab"}
	ten := []string{"helpers", "a", "b", "c", "d", "e", "f", "g", "h", "i"}
	for _, tc := range []struct {
		name              string
		dirs, doc, readme []string
		want              []string // a substring of each problem, in order
	}{
		{"in step", []string{"trials", "lab", "internal/display", "testdata", ".git", "_old"}, pkgs, pkgs, nil},
		{"ten packages", ten[1:], ten, ten, nil},
		{"a folder without an entry", []string{"trials", "lab", "newpkg"}, pkgs, pkgs,
			[]string{"helpers/newpkg/ has no entry in the package list of helpers/helpers.go"}},
		{"an entry without a folder", []string{"trials"}, pkgs, pkgs,
			[]string{"helpers/helpers.go lists lab, but there is no folder helpers/lab/"}},
		{"the root missing from the list", []string{"trials", "lab"}, pkgs[1:], pkgs[1:],
			[]string{"helpers/ has no entry"}},
		{"README lacks a package", []string{"trials", "lab"}, pkgs, pkgs[:2],
			[]string{"README.md lists the helper packages [helpers trials], helpers/helpers.go lists [helpers trials lab]"}},
		{"README has another", []string{"trials", "lab"}, pkgs, append(slices.Clone(pkgs), "work"),
			[]string{"README.md lists the helper packages [helpers trials lab work]"}},
		{"eleven packages", append(slices.Clone(ten[1:]), "j"), append(slices.Clone(ten), "j"), append(slices.Clone(ten), "j"),
			[]string{"helpers/ holds 11 public packages"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems, err := packageMapProblems(tree(t, tc.dirs, tc.doc, tc.readme))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tc.want) {
				t.Fatalf("problems %q, want %d: %q", problems, len(tc.want), tc.want)
			}
			for i, p := range problems {
				if !strings.Contains(p, tc.want[i]) {
					t.Errorf("problem %q, want one that says %q", p, tc.want[i])
				}
			}
		})
	}
}

func TestPackageMapUnreadable(t *testing.T) {
	root := tree(t, nil, []string{"helpers"}, []string{"helpers"})
	if err := os.WriteFile(filepath.Join(root, "README.md"), []byte("# Course\n\nNo list here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := packageMapProblems(root); err == nil || !strings.Contains(err.Error(), `after a line that starts with "The helper packages"`) {
		t.Errorf("README without the list: err = %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "helpers", "helpers.go"), []byte("// Package helpers has no list.\npackage helpers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := packageMapProblems(root); err == nil || !strings.Contains(err.Error(), "the package doc lists no package") {
		t.Errorf("helpers.go without the list: err = %v", err)
	}
}
