;;; eglot.el --- Emacs eglot against perfvet lsp (emacs --batch)  -*- lexical-binding: t -*-
;; Open the fixture, wait for concatloop's diagnostic (flymake), check the
;; hover, apply the quick fix through eglot-code-actions, save, exit.
;; PERFVET is the perfvet binary, FIXTURE the file, ROOT the module.
(require 'package)
;; Debian's elpa-eglot (and the newer project and xref it needs), which
;; emacs -Q does not activate.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'cl-lib)

(defun perfvet-fail (fmt &rest args)
  (princ (concat "eglot: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun perfvet-wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

;; Emacs 28 has no Go mode; eglot needs a major mode to manage.
(define-derived-mode go-mode prog-mode "Go")
(setq eglot-sync-connect t)

(let ((perfvet (getenv "PERFVET")) (file (getenv "FIXTURE")) (root (getenv "ROOT")))
  ;; As a user's init file would say it (docs/integrations.md).
  (add-to-list 'eglot-server-programs
               `(go-mode . (,perfvet "lsp" :initializationOptions (:tests :json-false))))
  (find-file file)
  (go-mode)
  (let ((default-directory root))
    (apply #'eglot (eglot--guess-contact)))
  (unless (perfvet-wait (lambda () (flymake-diagnostics)) 120)
    (perfvet-fail "no diagnostics in two minutes"))
  (let* ((diag (car (flymake-diagnostics)))
         (text (flymake-diagnostic-text diag)))
    (unless (and (string-match-p "strings\\.Builder" text)
                 (= (line-number-at-pos (flymake-diagnostic-beg diag)) 9))
      (perfvet-fail "unexpected diagnostic %S at line %d" text
                    (line-number-at-pos (flymake-diagnostic-beg diag))))
    (goto-char (flymake-diagnostic-beg diag))
    (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (value (plist-get (plist-get hover :contents) :value)))
      (unless (and value (string-match-p "\\*\\*Heat\\*\\*" value) (string-match-p "\\*\\*Cost\\*\\*" value))
        (perfvet-fail "hover without heat and cost: %S" hover)))
    ;; The interactive path: one quickfix is applied without a menu.
    (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix" t))
  (unless (save-excursion (goto-char (point-min)) (search-forward "strings.Builder" nil t))
    (perfvet-fail "the quick fix was not applied"))
  (save-buffer)
  (kill-emacs 0))
