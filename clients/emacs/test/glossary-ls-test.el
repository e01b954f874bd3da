;;; glossary-ls-test.el --- ERT tests of glossary-ls.el against the real server  -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The glossary-ls authors
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Run in batch by test/run.sh: Debian's Emacs with elpa-eglot and
;; elpa-markdown-mode, GLS_BINARY naming the server.  One eglot session
;; over a Markdown file in a throw-away project; diagnostics through
;; flymake, hover, completion through `completion-at-point''s table,
;; definitions through xref.  GLS_FEATURES lists the optional language
;; features built into the server: a test of one that is not built is
;; skipped, never faked.

;;; Code:

(require 'ert)
(require 'cl-lib)
(require 'markdown-mode)
(require 'glossary-ls)
(require 'xref)

(defvar glossary-ls-test--project (getenv "GLS_TEST_PROJECT"))
(defvar glossary-ls-test--binary (getenv "GLS_BINARY"))
(defconst glossary-ls-test--timeout 20)

(defun glossary-ls-test--feature-p (name)
  "Non-nil if the server under test is built with feature NAME."
  (member name (split-string (or (getenv "GLS_FEATURES") "") "[, ]+" t)))

(defun glossary-ls-test--wait (predicate)
  "Process server output until PREDICATE returns non-nil or time runs out."
  (let ((deadline (+ (float-time) glossary-ls-test--timeout))
        result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    result))

(defun glossary-ls-test--write (name text)
  "Write TEXT to NAME in the test project; return the file name."
  (let ((file (expand-file-name name glossary-ls-test--project)))
    (with-temp-file file (insert text))
    file))

(defun glossary-ls-test--define (term)
  "What `glossary-ls define TERM' says: (TITLE FILE LINE) of the best entry."
  (with-temp-buffer
    (should (= 0 (call-process glossary-ls-test--binary nil t nil "define" term)))
    (goto-char (point-min))
    (let ((title (buffer-substring (point) (line-end-position))))
      (forward-line 1)
      (should (looking-at "^ *\\(.*\\):\\([0-9]+\\)$"))
      (list title (match-string 1) (string-to-number (match-string 2))))))

(defvar glossary-ls-test--buffer nil "The Markdown buffer of the eglot session.")

(defun glossary-ls-test--session ()
  "The Markdown buffer connected to glossary-ls, started on first use."
  (unless (buffer-live-p glossary-ls-test--buffer)
    (setq glossary-ls-program glossary-ls-test--binary)
    (let ((file (glossary-ls-test--write
                 "notes.md"
                 (concat "We fine-tune the model with Lora adapters.\n"
                         "A rotary position embedding rotates queries and keys.\n"
                         "rotary po\n"))))
      (setq glossary-ls-test--buffer (find-file-noselect file))
      (with-current-buffer glossary-ls-test--buffer
        (should (eq major-mode 'markdown-mode))
        ;; `eglot-ensure' waits for a command loop batch mode never runs.
        (apply #'eglot (eglot--guess-contact))
        (should (glossary-ls-test--wait #'eglot-current-server)))))
  glossary-ls-test--buffer)

(defun glossary-ls-test--goto (line column)
  "Move to 1-based LINE and 0-based COLUMN."
  (goto-char (point-min))
  (forward-line (1- line))
  (forward-char column))

(ert-deftest glossary-ls-registers-each-mode-with-its-language-id ()
  (let ((eglot-server-programs '((markdown-mode . ("marksman" "server"))))
        (glossary-ls-code-modes '((c++-mode . "cpp"))))
    (glossary-ls-register)
    (glossary-ls-register)              ; idempotent
    (let ((ours (cl-remove-if-not (lambda (e) (eq (cdr e) #'glossary-ls-eglot-contact))
                                  eglot-server-programs)))
      (should (equal (mapcar #'car ours)
                     '((glossary-mode :language-id "glossary")
                       (markdown-mode :language-id "markdown")
                       (gfm-mode :language-id "markdown")
                       (c++-mode :language-id "cpp"))))
      ;; Ahead of the default Markdown server.
      (should (eq (cdr (car eglot-server-programs)) #'glossary-ls-eglot-contact)))))

(ert-deftest glossary-ls-missing-program-is-a-clear-error ()
  (let ((glossary-ls-program (expand-file-name "no-such-glossary-ls" glossary-ls-test--project)))
    (let ((err (should-error (glossary-ls-eglot-contact) :type 'user-error)))
      (should (string-match-p "no-such-glossary-ls" (cadr err)))))
  (let ((glossary-ls-program glossary-ls-test--binary)
        (glossary-ls-initialization-options '(:rules (:term-case "error"))))
    (should (equal (glossary-ls-eglot-contact)
                   (list glossary-ls-test--binary "--stdio"
                         :initializationOptions '(:rules (:term-case "error")))))))

(ert-deftest glossary-ls-glossary-mode-highlights-headers ()
  (with-temp-buffer
    (insert "rotary position embedding,rope,positional encoding\n"
            "**Rotary Position Embedding** rotates queries, keys.\n"
            "ring attention, distributed training\n"
            "1. ordered, list\n")
    (glossary-mode)
    (font-lock-ensure)
    (cl-flet ((face-at (text) (goto-char (point-min)) (search-forward text)
                       (get-text-property (match-beginning 0) 'face)))
      (should (eq (face-at "rotary position embedding") 'font-lock-keyword-face))
      (should (eq (face-at "rope") 'font-lock-type-face))
      (should (eq (face-at "positional encoding") 'font-lock-type-face))
      (should (eq (face-at "ring attention") 'font-lock-keyword-face))
      (should (eq (face-at "distributed training") 'font-lock-constant-face))
      (should (null (face-at "ordered")))
      (should (null (face-at "queries"))))))

(ert-deftest glossary-ls-glossary-files-open-in-glossary-mode ()
  (let ((buffer (find-file-noselect (glossary-ls-test--write "team.glossary" "widget, manufacturing\n"))))
    (unwind-protect
        (with-current-buffer buffer
          (should (eq major-mode 'glossary-mode))
          ;; Markdown definitions come from markdown-mode, and eglot tells
          ;; the server the file is a glossary, not Markdown.
          (should (derived-mode-p 'markdown-mode))
          (should (equal (nth 4 (eglot--guess-contact)) "glossary")))
      (kill-buffer buffer))))

(ert-deftest glossary-ls-diagnostics-through-flymake ()
  (with-current-buffer (glossary-ls-test--session)
    (let ((diagnostic
           (glossary-ls-test--wait
            (lambda ()
              ;; flymake runs its backends from timers; start it by hand.
              (flymake-start)
              (accept-process-output nil 0.05)
              (cl-find-if (lambda (d) (string-match-p "term-case" (flymake-diagnostic-text d)))
                          (flymake-diagnostics))))))
      (should diagnostic)
      (should (equal (buffer-substring (flymake-diagnostic-beg diagnostic)
                                       (flymake-diagnostic-end diagnostic))
                     "Lora"))
      (should (string-match-p "LoRA" (flymake-diagnostic-text diagnostic))))))

(ert-deftest glossary-ls-hover-shows-the-definition ()
  (skip-unless (glossary-ls-test--feature-p "hover"))
  (with-current-buffer (glossary-ls-test--session)
    (glossary-ls-test--goto 2 8)
    (let* ((title (car (glossary-ls-test--define "rotary position embedding")))
           (hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (contents (plist-get hover :contents))
           (text (if (stringp contents) contents (plist-get contents :value))))
      (should (stringp text))
      (should (string-match-p (regexp-quote title) text)))))

(ert-deftest glossary-ls-completion-at-point ()
  (skip-unless (glossary-ls-test--feature-p "completion"))
  (with-current-buffer (glossary-ls-test--session)
    (glossary-ls-test--goto 3 9)
    ;; What `completion-at-point' does with the default completion styles:
    ;; eglot's bounds are the last word ("po"), the server completes the
    ;; whole "rotary po".
    (let* ((capf (eglot-completion-at-point))
           (prefix (buffer-substring (nth 0 capf) (nth 1 capf)))
           (candidates (completion-all-completions prefix (nth 2 capf) nil (length prefix))))
      (should (equal prefix "po"))
      (when (consp candidates) (setcdr (last candidates) nil))
      (should (member "rotary position embedding" (mapcar #'substring-no-properties candidates))))))

(ert-deftest glossary-ls-definition-through-xref ()
  (skip-unless (glossary-ls-test--feature-p "definition"))
  (with-current-buffer (glossary-ls-test--session)
    (glossary-ls-test--goto 2 8)
    (pcase-let* ((`(,_title ,file ,line) (glossary-ls-test--define "rotary position embedding"))
                 (xrefs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
                 (places (mapcar (lambda (x)
                                   (let ((loc (xref-item-location x)))
                                     (list (file-truename (xref-location-group loc))
                                           (xref-location-line loc))))
                                 xrefs)))
      (should (member (list (file-truename file) line) places)))))

(defun glossary-ls-test--messages (thunk)
  "Call THUNK; return the messages it showed, oldest first."
  (let ((shown nil))
    (cl-letf* ((real (symbol-function 'message))
               ((symbol-function 'message)
                (lambda (format-string &rest args)
                  (when format-string
                    (push (apply #'format format-string args) shown))
                  (apply real format-string args))))
      (funcall thunk))
    (nreverse shown)))

(ert-deftest glossary-ls-says-why-a-markdown-file-gets-no-server ()
  ;; As without markdown-mode: no auto-mode entry for .md, so the file
  ;; opens in fundamental-mode and eglot would never start (issue 15).
  (let* ((file (glossary-ls-test--write "plain.md" "Lora adapters.\n"))
         (auto-mode-alist (cl-remove-if (lambda (e) (memq (cdr e) '(markdown-mode gfm-mode)))
                                        auto-mode-alist))
         buffer)
    (unwind-protect
        (let ((shown (glossary-ls-test--messages
                      (lambda () (setq buffer (find-file-noselect file))))))
          (with-current-buffer buffer
            (should (eq major-mode 'fundamental-mode))
            (should-not (glossary-ls-attaches-p))
            (should (cl-find-if (lambda (m) (and (string-match-p "plain\\.md" m)
                                                 (string-match-p "fundamental-mode" m)
                                                 (string-match-p "markdown-mode is installed" m)
                                                 (string-match-p "auto-mode-alist" m)))
                                shown))
            ;; The hook function explains itself instead of starting nothing.
            (let ((again (glossary-ls-test--messages #'glossary-ls-ensure)))
              (should (cl-find-if (lambda (m) (string-match-p "does not attach" m)) again)))
            (should-not (eglot-current-server))))
      (when buffer (kill-buffer buffer)))))

(ert-deftest glossary-ls-no-message-where-it-attaches ()
  (let* ((file (glossary-ls-test--write "quiet.md" "LoRA adapters.\n"))
         buffer)
    (unwind-protect
        (let ((shown (glossary-ls-test--messages
                      (lambda () (setq buffer (find-file-noselect file))))))
          (with-current-buffer buffer
            (should (eq major-mode 'markdown-mode))
            (should (glossary-ls-attaches-p))
            (should-not (cl-find-if (lambda (m) (string-match-p "glossary-ls:" m)) shown))))
      (when buffer (kill-buffer buffer)))))

(provide 'glossary-ls-test)
;;; glossary-ls-test.el ends here
