package main

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/sarif"

	"github.com/perfvet/perfvet/escape"
)

// runCheck checks the //perf: assertions of pkgs.
func runCheck(cfg *config, pkgs []string, stdout io.Writer) error {
	ctx := context.Background()
	c, err := loadPackages(cfg, ".", pkgs, true)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	var (
		assertions []escape.Assertion
		problems   []escape.Problem
		asserted   []escape.Package
	)
	for _, p := range c.Packages {
		files, typed, err := directiveFiles(fset, p)
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		if len(files) == 0 {
			continue
		}
		asserted = append(asserted, p)
		var info *types.Info
		if typed {
			// A line //perf:inline needs to tell calls from conversions.
			tfset, tfiles, tinfo, err := typeCheck(ctx, cfg, c, p)
			if err != nil {
				return err
			}
			fset, files, info = tfset, tfiles, tinfo
		}
		as, probs := escape.ParseAssertions(fset, files, c.Options.Canonical, info)
		assertions = append(assertions, as...)
		problems = append(problems, probs...)
		fset = token.NewFileSet()
	}
	if len(asserted) == 0 {
		fmt.Fprintf(cfg.stderr, "perfescape: no //perf: directives in %s\n", strings.Join(orDot(pkgs), " "))
		return nil
	}
	// Only the packages with assertions are compiled.
	c.Packages = asserted
	files := make(map[string]bool, len(assertions))
	for i := range assertions {
		files[assertions[i].Pos.File] = true
	}
	var diags []*escape.Diagnostic
	err = c.Run(ctx, func(d *escape.Diagnostic) {
		if files[d.Pos.File] || d.Kind == escape.CannotInline {
			diags = append(diags, d)
		}
	})
	if err := buildFailure(cfg, err, "."); err != nil {
		return err
	}
	problems = append(problems, escape.CheckAssertions(assertions, diags)...)
	slices.SortStableFunc(problems, func(a, b escape.Problem) int {
		if a.Pos.Less(b.Pos) {
			return -1
		}
		if b.Pos.Less(a.Pos) {
			return 1
		}
		return 0
	})
	names := newPaths(c)
	if err := writeProblems(cfg, stdout, problems, len(assertions), names); err != nil {
		return err
	}
	if len(problems) > 0 {
		return &exitError{code: exitRegression}
	}
	return nil
}

func orDot(pkgs []string) []string {
	if len(pkgs) == 0 {
		return []string{"."}
	}
	return pkgs
}

// loadPackages resolves pkgs in dir.
func loadPackages(cfg *config, dir string, pkgs []string, bce bool) (*escape.Compilation, error) {
	c, err := escape.Load(context.Background(), &escape.Config{Dir: dir, Patterns: pkgs, BuildFlags: cfg.buildFlags(), BCE: bce})
	return c, loadError(err)
}

// startPackages is loadPackages that leaves go list to run beside the
// build when it can (escape.Start).
func startPackages(cfg *config, dir string, pkgs []string) (*escape.Compilation, error) {
	c, err := escape.Start(context.Background(), &escape.Config{Dir: dir, Patterns: pkgs, BuildFlags: cfg.buildFlags(), BCE: cfg.bce})
	return c, loadError(err)
}

// loadError turns an error of escape.Load or Start into perfescape's.
func loadError(err error) error {
	if pe, ok := err.(*escape.PatternError); ok {
		return fail(exitUsage, "%s", pe.Msg)
	} else if err != nil {
		return fail(exitBuild, "%v", err)
	}
	return nil
}

// buildFailure turns an error of Compilation.Run into perfescape's.
func buildFailure(cfg *config, err error, dir string) error {
	if _, ok := err.(*escape.PatternError); ok {
		return loadError(err)
	}
	if be, ok := err.(*escape.BuildError); ok {
		fmt.Fprintln(cfg.stderr, be.Output)
		return fail(exitBuild, "go build failed in %s", dir)
	} else if err != nil {
		return fail(exitBuild, "%v", err)
	}
	return nil
}

// directiveFiles parses the files of p that mention "perf:" (cheaply
// found), and says whether one has a line //perf:inline, which needs
// types.
func directiveFiles(fset *token.FileSet, p escape.Package) ([]*ast.File, bool, error) {
	var files []*ast.File
	typed := false
	for _, name := range p.GoFiles {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, false, err
		}
		if !bytes.Contains(data, []byte("perf:")) {
			continue
		}
		f, err := parser.ParseFile(fset, name, data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, false, err
		}
		files = append(files, f)
		docs := map[*ast.CommentGroup]bool{}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				docs[fd.Doc] = true
			}
		}
		for _, cg := range f.Comments {
			if docs[cg] {
				continue
			}
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, "//perf:"); ok && strings.Contains(rest, "inline") {
					typed = true
				}
			}
		}
	}
	return files, typed, nil
}

// typeCheck loads p with types (dependencies from export data).
func typeCheck(ctx context.Context, cfg *config, c *escape.Compilation, p escape.Package) (*token.FileSet, []*ast.File, *types.Info, error) {
	lcfg := &packages.Config{
		Context:    ctx,
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:        c.Dir,
		BuildFlags: cfg.buildFlags(),
	}
	pkgs, err := packages.Load(lcfg, p.ImportPath)
	if err != nil {
		return nil, nil, nil, fail(exitBuild, "loading %s: %v", p.ImportPath, err)
	}
	if len(pkgs) != 1 {
		return nil, nil, nil, fail(exitBuild, "loading %s: got %d packages", p.ImportPath, len(pkgs))
	}
	lp := pkgs[0]
	if len(lp.Errors) > 0 {
		return nil, nil, nil, fail(exitBuild, "%s: %v", p.ImportPath, lp.Errors[0])
	}
	return lp.Fset, lp.Syntax, lp.TypesInfo, nil
}

// writeProblems prints the check's result.
func writeProblems(cfg *config, w io.Writer, problems []escape.Problem, checked int, files *paths) error {
	switch cfg.format {
	case "json":
		if problems == nil {
			problems = []escape.Problem{}
		}
		for i := range problems {
			problems[i].Pos.File = files.show(problems[i].Pos.File)
			problems[i].Assertion.File = files.show(problems[i].Assertion.File)
		}
		return writeJSON(w, problems)
	case "sarif", "github":
		rs := make([]sarifResult, 0, len(problems))
		for i := range problems {
			p := &problems[i]
			rule := "perf-" + p.Directive
			if p.Invalid {
				rule = "perf-directive"
			}
			rs = append(rs, sarifResult{rule: rule, finding: &escape.Finding{Pos: p.Pos}, text: problemText(p, files), level: sarif.Error})
		}
		if cfg.format == "github" {
			writeGitHub(w, sarifResults{results: rs, files: files})
			return nil
		}
		return writeSARIF(w, sarifResults{results: rs, files: files})
	}
	for i := range problems {
		p := &problems[i]
		fmt.Fprintf(w, "%s: %s\n", files.pos(p.Pos), p.Message)
		if p.Assertion != p.Pos {
			fmt.Fprintf(w, "    asserted at %s\n", files.pos(p.Assertion))
		}
		for j := range p.Explanation {
			for _, line := range escape.FormatExplanation(&p.Explanation[j], files.pos) {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
	}
	fmt.Fprintf(w, "%d assertions checked, %d problems\n", checked, len(problems))
	return nil
}

// problemText is a problem in one message, its explanation included.
func problemText(p *escape.Problem, files *paths) string {
	lines := make([]string, 1, 1+len(p.Explanation))
	lines[0] = p.Message
	for j := range p.Explanation {
		lines = append(lines, escape.FormatExplanation(&p.Explanation[j], files.pos)...)
	}
	return strings.Join(lines, "\n")
}

// runWhy prints the compiler's full explanation of the heap allocations
// on one line.
func runWhy(cfg *config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fail(exitUsage, "why needs one FILE:LINE")
	}
	i := strings.LastIndexByte(args[0], ':')
	line, err := strconv.Atoi(args[0][i+1:])
	if i < 0 || err != nil || line <= 0 {
		return fail(exitUsage, "why needs FILE:LINE, got %q", args[0])
	}
	file, err := filepath.Abs(args[0][:i])
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if _, err := os.Stat(file); err != nil {
		return fail(exitUsage, "%v", err)
	}
	c, err := startPackages(cfg, filepath.Dir(file), []string{"."})
	if err != nil {
		return err
	}
	want := c.Options.Canonical(file)
	var found []*escape.Diagnostic
	err = c.Run(context.Background(), func(d *escape.Diagnostic) {
		if d.Pos.File == want && d.Pos.Line == line {
			found = append(found, d)
		}
	})
	if err := buildFailure(cfg, err, filepath.Dir(file)); err != nil {
		return err
	}
	files := newPaths(c)
	// Names relative to where why was run, not to FILE's package.
	files.cwd, _ = os.Getwd()
	n := 0
	for _, d := range found {
		if !escape.IsAllocation(d) {
			continue
		}
		n++
		fmt.Fprintf(stdout, "%s: %s\n", files.pos(d.Pos), strings.TrimSuffix(d.Text, ":"))
		if len(d.Explanations) == 0 {
			fmt.Fprintln(stdout, "    (the compiler gave no explanation)")
		}
		for j := range d.Explanations {
			for _, l := range escape.FormatExplanation(&d.Explanations[j], files.pos) {
				fmt.Fprintf(stdout, "    %s\n", l)
			}
		}
	}
	for _, d := range found {
		switch d.Kind {
		case escape.InliningCall:
			fmt.Fprintf(stdout, "%s: inlined call to %s\n", files.pos(d.Pos), d.Subject)
		case escape.BoundsCheck:
			fmt.Fprintf(stdout, "%s: bounds check (%s)\n", files.pos(d.Pos), d.Subject)
		}
	}
	if n == 0 {
		fmt.Fprintf(stdout, "no heap allocation on %s:%d\n", files.show(want), line)
	}
	return nil
}
