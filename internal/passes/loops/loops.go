// Package loops is a non-reporting analyzer that knows, for every node of
// a package, which loops repeat it and what is known of their trip counts.
//
// Every perfvet analyzer asks the same questions: is this node repeated,
// how often, and is the loop cold (provably a few iterations, or run once
// per program)? The answers are computed once per package here and shared
// through the Result, so no analyzer re-walks the syntax for them.
package loops

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

// Analyzer computes the loop tree of a package. Its Result is an *Info.
var Analyzer = &analysis.Analyzer{
	Name:             "loops",
	Doc:              "computes enclosing loops, trip counts and cold verdicts for perfvet's analyzers",
	Requires:         []*analysis.Analyzer{inspect.Analyzer},
	Run:              run,
	ResultType:       reflect.TypeFor[*Info](),
	RunDespiteErrors: true,
}

// Kind says how a loop iterates.
type Kind int

const (
	RangeSlice  Kind = iota // for ... range s, s a slice
	RangeArray              // range over an array or a pointer to one
	RangeString             // range over a string: runes, at most len(s) of them
	RangeMap                // range over a map
	RangeInt                // range over an integer
	RangeChan               // range over a channel: unknown count
	RangeFunc               // range over an iterator function: unknown count
	Counted                 // three-clause loop with an invariant bound and unit step
	Conditional             // for cond { } or a three-clause loop whose count is unknown
	Infinite                // for { }: runs until a break, return or panic
)

var kindNames = [...]string{"range over slice", "range over array", "range over string",
	"range over map", "range over int", "range over channel", "range over iterator",
	"counted loop", "conditional loop", "infinite loop"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Loop is one for or range statement.
type Loop struct {
	Stmt ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	Kind Kind
	// Count is the number of iterations as Go source ("len(items)", "n",
	// "hi-lo"), evaluated just before the loop starts; "" when unknown.
	// For RangeString it is an upper bound (runes, not bytes).
	Count string
	// CountExprs are the expressions Count is built from: the range
	// operand, or a three-clause loop's start and bound.
	CountExprs []ast.Expr
	// Const is the trip count when it is a compile-time constant (ConstKnown).
	Const      int64
	ConstKnown bool
	// Parent is the innermost loop that repeats this loop, crossing function
	// literal boundaries: a closure or goroutine started inside a loop is
	// per-iteration work. Use Func to tell whether they share a function.
	Parent *Loop
	// Func is the *ast.FuncDecl or *ast.FuncLit whose body holds the loop.
	Func ast.Node
	// Facts from which internal/passes/hot judges whether the loop is cold
	// (hot.LoopCold, one ordered table of rules); loops only counts.
	//
	// FixedLen is the length of the package-level literal the loop ranges
	// over when the package never changes it (FixedName names it); 0
	// otherwise.
	FixedLen  int
	FixedName string
	// Divides is the statement that divides the loop's variable on every
	// pass of a conditional loop ("n /= 1000", "n >>= 1"): it runs O(log n)
	// times. "" otherwise.
	Divides string
	// Timer is what every iteration waits on ("time.Sleep", "a select on
	// tick.C", "a range over tick.C"): the loop runs once per tick,
	// however long it lives. "" otherwise.
	Timer string
	// Once is where a loop that runs once per program is ("init", "a
	// package-level initialiser"); "" otherwise.
	Once string
	// KeyDomain is, for a range over a map whose key type has a few values
	// (a bool, an enumeration of constants: query.KeyDomain), how many it
	// has, and KeyType names the type; 0 otherwise.
	KeyDomain int
	KeyType   string

	// key is the range key when the keys never repeat and the body does
	// not assign it (rangeKey), computed once per loop.
	key *types.Var
}

// Body is the loop's body.
func (l *Loop) Body() *ast.BlockStmt {
	if f, ok := l.Stmt.(*ast.ForStmt); ok {
		return f.Body
	}
	return l.Stmt.(*ast.RangeStmt).Body
}

// Repeats reports whether pos lies in a part of the loop that runs once per
// iteration: the body, and for three-clause loops the condition and post
// statement. A range operand or init statement runs once.
func (l *Loop) Repeats(pos token.Pos) bool {
	if query.Within(l.Body(), pos) {
		return true
	}
	if f, ok := l.Stmt.(*ast.ForStmt); ok {
		return f.Cond != nil && query.Within(f.Cond, pos) || f.Post != nil && query.Within(f.Post, pos)
	}
	return false
}

// ExactCount reports whether Count is the exact number of iterations (for
// strings it counts bytes, an upper bound on runes).
func (l *Loop) ExactCount() bool {
	switch l.Kind {
	case RangeSlice, RangeArray, RangeMap, RangeInt, Counted:
		return l.Count != ""
	}
	return false
}

// Info is the Result of Analyzer.
type Info struct {
	byStmt map[ast.Stmt]*Loop
	Loops  []*Loop // in source order

	pass      *analysis.Pass
	in        *inspector.Inspector
	fixedOnce sync.Once
	fixed     map[*types.Var]int // see fixedLiteralLen
	argMu     sync.Mutex
	argCalls  map[argKey]bool // see onlyCalled
	declsOnce sync.Once
	decls     map[*types.Func]*ast.FuncDecl // see Decl
}

// Decl returns the declaration, with a body, of the package's function or
// method fn (the generic origin of an instance), or nil: an index built
// once per package for every analyzer that follows a call into the
// package's own code.
func (info *Info) Decl(fn *types.Func) *ast.FuncDecl {
	info.declsOnce.Do(func() {
		info.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range info.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := info.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						info.decls[obj] = fd
					}
				}
			}
		}
	})
	return info.decls[fn.Origin()]
}

// Of returns the loop of a for or range statement, or nil.
func (info *Info) Of(stmt ast.Stmt) *Loop { return info.byStmt[stmt] }

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := &Info{byStmt: make(map[ast.Stmt]*Loop), pass: pass, in: in}
	// Preorder visits outer loops first, so a parent is always known before
	// its children.
	for c := range in.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		stmt := c.Node().(ast.Stmt)
		l := &Loop{Stmt: stmt, Parent: info.Innermost(c), Func: query.EnclosingFunc(c)}
		switch s := stmt.(type) {
		case *ast.RangeStmt:
			classifyRange(pass, l, s)
		case *ast.ForStmt:
			classifyFor(pass, l, s)
		}
		if n, name, ok := info.fixedOfRange(stmt); ok {
			l.FixedLen, l.FixedName = n, name
		}
		l.Divides = logarithmic(pass, stmt)
		l.Timer = pacedByTimer(pass, stmt)
		l.Once = runsOncePerProgram(c)
		l.KeyDomain, l.KeyType = keyDomain(pass, l)
		l.key = rangeKey(pass, l)
		info.byStmt[stmt] = l
		info.Loops = append(info.Loops, l)
	}
	return info, nil
}

// keyDomain returns how many values the key type of a range over a map
// has, and its name, when query.KeyDomain knows (0 otherwise).
func keyDomain(pass *analysis.Pass, l *Loop) (int, string) {
	if l.Kind != RangeMap || len(l.CountExprs) != 1 {
		return 0, ""
	}
	if t := pass.TypesInfo.TypeOf(l.CountExprs[0]); t != nil {
		if m, ok := t.Underlying().(*types.Map); ok {
			return query.KeyDomain(m.Key())
		}
	}
	return 0, ""
}

// runsOncePerProgram says where the code at c runs once per program
// ("init", "a package-level initialiser"), or "".
func runsOncePerProgram(c inspector.Cursor) string {
	for anc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := anc.Node().(type) {
		case *ast.FuncDecl:
			if fn.Name.Name == "init" && fn.Recv == nil {
				return "init"
			}
			return ""
		case *ast.FuncLit:
			// A function literal called where it stands, in a package-level
			// var initialiser, runs once; any other literal may run often.
			call, ok := anc.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != ast.Expr(fn) {
				return ""
			}
		}
	}
	// No enclosing FuncDecl: a package-level initialiser.
	return "a package-level initialiser"
}
