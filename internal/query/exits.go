package query

import (
	"go/ast"
	"go/constant"
	"go/types"
)

// NoReturn reports whether a call never returns to its caller: panic,
// os.Exit, runtime.Goexit, log.Fatal*, log.Panic*, and testing's Fatal,
// Fatalf, FailNow, Skip, Skipf and SkipNow (on *T, *B, *F or TB). The list
// stands in for the facts of the ctrlflow analyzer, which perfvet does not
// require (facts make the driver analyse every dependency from source).
// Callees are resolved by type: a local function named panic is not one.
func NoReturn(info *types.Info, call *ast.CallExpr) bool {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		b, ok := info.Uses[fun].(*types.Builtin)
		return ok && b.Name() == "panic"
	case *ast.SelectorExpr:
		fn, ok := info.Uses[fun.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil {
			return false
		}
		switch fn.Pkg().Path() {
		case "os":
			return fn.Name() == "Exit"
		case "runtime":
			return fn.Name() == "Goexit"
		case "log":
			switch fn.Name() {
			case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
				return true
			}
		case "testing":
			switch fn.Name() {
			case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
				return true
			}
		}
	}
	return false
}

// IsPanic reports whether call calls the builtin panic. Unlike the other
// no-return calls it can be recovered, and unlike os.Exit it lets the
// program go on: a loop left by panic has stopped early while its
// goroutines still run.
func IsPanic(info *types.Info, call *ast.CallExpr) bool {
	return IsBuiltin(info, call.Fun, "panic")
}

// LeavesFunc reports whether stmt leaves its function for good: a return,
// or a call that never returns (NoReturn); also a block whose final
// statement does (FinalStmt), and an if whose branches all do. The same
// code reads the same whatever blocks wrap it (issue #32's metamorphic
// rewrites wrap statements in { } and if true { }).
func LeavesFunc(info *types.Info, stmt ast.Node) bool {
	switch s := stmt.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			return NoReturn(info, call)
		}
	case *ast.BlockStmt:
		return LeavesFunc(info, FinalStmt(info, s.List))
	case *ast.IfStmt:
		if !LeavesFunc(info, s.Body) {
			return false
		}
		return s.Else != nil && LeavesFunc(info, s.Else) || s.Init == nil && s.Else == nil && IsTrue(info, s.Cond)
	}
	return false
}

// FinalStmt returns the statement that runs last when the statement list
// runs to its end: its last statement, or, when that is a plain block, or
// an if without init or else whose condition is the constant true, that
// statement's own final statement; nil for an empty list.
func FinalStmt(info *types.Info, list []ast.Stmt) ast.Stmt {
	for len(list) > 0 {
		switch s := list[len(list)-1].(type) {
		case *ast.BlockStmt:
			list = s.List
			continue
		case *ast.IfStmt:
			if s.Init == nil && s.Else == nil && IsTrue(info, s.Cond) {
				list = s.Body.List
				continue
			}
		}
		return list[len(list)-1]
	}
	return nil
}

// IsTrue reports whether e is the constant true (info nil: never).
func IsTrue(info *types.Info, e ast.Expr) bool {
	if info == nil {
		return false
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}
