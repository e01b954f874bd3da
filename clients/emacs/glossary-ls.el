;;; glossary-ls.el --- Glossary terms in Emacs through the glossary-ls language server  -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The glossary-ls authors

;; Author: The glossary-ls authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: tools, languages, wp
;; SPDX-License-Identifier: MIT

;; This file is not part of GNU Emacs.

;;; Commentary:

;; glossary-ls is a language server for technical glossary terms: hover a
;; term in Markdown (or a code comment) to read its definition, complete
;; terms, jump to the glossary entry, and get diagnostics with quick fixes
;; for misspelled or mis-capitalised terms (`Lora' -> `LoRA').
;;
;; This package registers glossary-ls with eglot and adds `glossary-mode'
;; for glossary files (*.glossary).  Setup:
;;
;;   (add-to-list 'load-path "/path/to/glossary-ls/clients/emacs")
;;   (require 'glossary-ls)          ; registers with eglot
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;; Needs markdown-mode (Debian: elpa-markdown-mode): without it .md files
;; open in `fundamental-mode', eglot never starts there, and glossary-ls
;; says so when such a file is opened (`glossary-ls-file-regexp').
;; `glossary-ls-ensure' is `eglot-ensure' that explains itself in a buffer
;; whose mode glossary-ls does not take.
;;
;; Then M-x eglot in a Markdown buffer (or the hook above) starts the
;; server: hover shows in the echo area (eldoc), completion through
;; `completion-at-point', M-. jumps to the definition, diagnostics appear
;; through flymake, and `eglot-code-actions' applies the fixes.
;;
;; eglot gives each buffer one server.  By default glossary-ls takes
;; Markdown and glossary files; code modes (their comments are checked
;; too) are opt-in through `glossary-ls-code-modes', because there
;; glossary-ls would replace the language's own server (clangd, pylsp...).
;;
;; Rule settings go in the project's .glossary-ls.json, or in
;; `eglot-workspace-configuration' under the glossaryLs section, e.g. in
;; .dir-locals.el:
;;
;;   ((nil (eglot-workspace-configuration
;;          . (:glossaryLs (:rules (:term-case "error"))))))

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'subr-x)

(defgroup glossary-ls nil
  "The glossary-ls language server, through eglot."
  :group 'tools
  :prefix "glossary-ls-")

(defcustom glossary-ls-program "glossary-ls"
  "The glossary-ls server binary.
A name looked up in `exec-path', or a file name."
  :type 'string)

(defcustom glossary-ls-initialization-options nil
  "LSP initializationOptions for the server, as a plist, or nil for none.
The keys are those of .glossary-ls.json, e.g.
\(:glossaries [\"docs/terms.txt\"] :rules (:term-case \"error\"))."
  :type '(choice (const :tag "None" nil) (plist :tag "Options")))

(defcustom glossary-ls-modes
  ;; glossary-mode first: it derives from markdown-mode when that is
  ;; installed, and eglot takes the first entry a mode derives from.
  '((glossary-mode . "glossary")
    (markdown-mode . "markdown")
    (gfm-mode . "markdown"))
  "Major modes whose buffers eglot connects to glossary-ls.
Each with its LSP language id.  Call `glossary-ls-register' again
after changing this."
  :type '(alist :key-type symbol :value-type string))

(defcustom glossary-ls-code-modes nil
  "Code major modes to connect to glossary-ls as well.
Their comments are checked.  An alist like `glossary-ls-modes'; common entries:
  (c-mode . \"c\") (c++-mode . \"cpp\") (python-mode . \"python\")
  (js-mode . \"javascript\") (typescript-mode . \"typescript\")
  (rust-mode . \"rust\") (go-mode . \"go\") (sh-mode . \"sh\")
  (lua-mode . \"lua\") (java-mode . \"java\")
eglot manages a buffer with one server, so glossary-ls then replaces
that language's own server in those buffers."
  :type '(alist :key-type symbol :value-type string))

(defun glossary-ls--program ()
  "The absolute file name of the server, or nil when it cannot be found."
  (if (file-name-absolute-p glossary-ls-program)
      (and (file-executable-p glossary-ls-program) glossary-ls-program)
    (executable-find glossary-ls-program)))

(defun glossary-ls-eglot-contact (&optional _interactive)
  "The eglot contact for glossary-ls: program and initializationOptions.
Signals a `user-error' naming `glossary-ls-program' when it is not found."
  (let ((program (glossary-ls--program)))
    (unless program
      (user-error "glossary-ls: `%s' not found; install it or set `glossary-ls-program'"
                  glossary-ls-program))
    (append (list program "--stdio")
            (when glossary-ls-initialization-options
              (list :initializationOptions glossary-ls-initialization-options)))))

(defun glossary-ls--contact-p (contact)
  "Non-nil if CONTACT is the one `glossary-ls-register' installs."
  (eq contact #'glossary-ls-eglot-contact))

;;;###autoload
(defun glossary-ls-register ()
  "Make eglot start glossary-ls in the modes of `glossary-ls-modes'.
And in those of `glossary-ls-code-modes'.  Each mode gets its own
entry, so the server is told each buffer's language (eglot 1.9 keeps
one language id per server).  Calling it again replaces the previous
registration."
  (interactive)
  (setq eglot-server-programs
        (cl-remove-if (lambda (entry) (glossary-ls--contact-p (cdr entry)))
                      eglot-server-programs))
  (dolist (mode (reverse (append glossary-ls-modes glossary-ls-code-modes)))
    (push (cons (list (car mode) :language-id (cdr mode)) #'glossary-ls-eglot-contact)
          eglot-server-programs))
  eglot-server-programs)

;;; Buffers the client does not attach to

(defcustom glossary-ls-file-regexp "\\.\\(?:md\\|markdown\\|mdx\\|glossary\\)\\'"
  "Files glossary-ls is meant for: opening one in a mode it does not
attach to (see `glossary-ls-modes') shows a message saying why, e.g.
a .md file in `fundamental-mode' because markdown-mode is not installed.
nil: no such message."
  :type '(choice (const :tag "Never" nil) regexp))

(defun glossary-ls--modes ()
  "Every major mode glossary-ls attaches to."
  (mapcar #'car (append glossary-ls-modes glossary-ls-code-modes)))

(defun glossary-ls-attaches-p (&optional buffer)
  "Non-nil if BUFFER's (default: current) major mode is one glossary-ls takes."
  (with-current-buffer (or buffer (current-buffer))
    (apply #'derived-mode-p (glossary-ls--modes))))

(defun glossary-ls--unattached-message ()
  "Why the current buffer gets no glossary-ls, as a string."
  (format (concat "glossary-ls: %s is in `%s', which glossary-ls does not attach to "
                  "(it takes %s)%s")
          (buffer-name) major-mode
          (mapconcat (lambda (m) (format "`%s'" m)) (glossary-ls--modes) ", ")
          (cond ((not (string-match-p "\\.\\(?:md\\|markdown\\|mdx\\)\\'" (or buffer-file-name "")))
                 "; add the mode to `glossary-ls-modes' or `glossary-ls-code-modes'")
                ((fboundp 'markdown-mode)
                 "; markdown-mode is installed but not chosen for this file: see `auto-mode-alist'")
                (t "; markdown-mode is not installed: install it (Debian: elpa-markdown-mode, or M-x package-install RET markdown-mode)"))))

(defun glossary-ls--check-mode ()
  "After a file opens: say so when glossary-ls is meant for it but will not attach."
  (when (and glossary-ls-file-regexp buffer-file-name
             (string-match-p glossary-ls-file-regexp buffer-file-name)
             (not (glossary-ls-attaches-p)))
    (message "%s" (glossary-ls--unattached-message))))

;;;###autoload
(defun glossary-ls-ensure ()
  "Start (or join) glossary-ls for the current buffer through eglot.
For mode hooks, like `eglot-ensure'; in a buffer whose mode glossary-ls
does not attach to, say why instead of doing nothing."
  (interactive)
  (if (glossary-ls-attaches-p)
      (eglot-ensure)
    (message "%s" (glossary-ls--unattached-message))))

(add-hook 'find-file-hook #'glossary-ls--check-mode)

;;; glossary-mode

(defconst glossary-ls--header-char-re "[[:alpha:][:digit:] ,'/&+.()-]"
  "A character that may appear in a header line (grammar/README.md).")

(defun glossary-ls--header-line-p ()
  "Non-nil if the line at point is a glossary header with a comma.
The rules of grammar/README.md, except that a header without a comma
\(which depends on the next line) is not recognised here."
  (save-excursion
    (beginning-of-line)
    (let ((line (buffer-substring-no-properties (point) (line-end-position)))
          (case-fold-search nil))
      (and (string-match-p "\\`[a-z0-9]" line)
           (string-match-p (concat "\\`" glossary-ls--header-char-re "+\\'") line)
           (string-match-p "," line)
           (not (string-match-p "\\`[0-9]+[.)] " line))
           (not (string-match-p ", *," line))
           (not (string-match-p "[.:!?,] *\\'" line))
           (string-match-p "[[:alpha:]]" (car (split-string line ",")))))))

(defun glossary-ls--category-p (items)
  "Non-nil if the last of ITEMS (a header's items) is a category."
  (or (= (length items) 2)
      (and (>= (length items) 3)
           (string= (downcase (nth 0 items)) (downcase (nth 1 items))))))

(defun glossary-ls--fontify-headers (limit)
  "Font-lock matcher: highlight the items of header lines up to LIMIT."
  (let (found)
    (while (and (not found) (< (point) limit))
      (when (glossary-ls--header-line-p)
        (let* ((start (line-beginning-position))
               (items (mapcar #'string-trim
                              (split-string (buffer-substring-no-properties
                                             start (line-end-position))
                                            ","))))
          (goto-char start)
          (let ((category (glossary-ls--category-p items))
                (n 0))
            (dolist (item items)
              (search-forward item (line-end-position) t)
              (put-text-property (match-beginning 0) (match-end 0) 'face
                                 (cond ((= n 0) 'font-lock-keyword-face)
                                       ((and category (= n (1- (length items))))
                                        'font-lock-constant-face)
                                       (t 'font-lock-type-face)))
              (setq n (1+ n))))
          (setq found t)))
      (forward-line 1))
    ;; The faces are set above; tell font-lock nothing more.
    (when found (set-match-data (list (point) (point))))
    found))

(defvar glossary-mode-font-lock-keywords
  '((glossary-ls--fontify-headers))
  "Font-lock keywords of `glossary-mode': header lines.")

;; Definitions are Markdown: with markdown-mode installed, glossary-mode is
;; markdown-mode plus header highlighting; without it, text-mode.
(defalias 'glossary-ls--parent-mode
  (if (require 'markdown-mode nil t) #'markdown-mode #'text-mode))

;;;###autoload
(define-derived-mode glossary-mode glossary-ls--parent-mode "Glossary"
  "Major mode for glossary files.
An entry is a header line of comma-separated terms (headword first,
often a trailing category) and a Markdown definition."
  (if (derived-mode-p 'markdown-mode)
      (font-lock-add-keywords nil glossary-mode-font-lock-keywords)
    (setq-local font-lock-defaults '(glossary-mode-font-lock-keywords))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.glossary\\'" . glossary-mode))

;;;###autoload
(with-eval-after-load 'eglot (glossary-ls-register))

(provide 'glossary-ls)
;;; glossary-ls.el ends here
