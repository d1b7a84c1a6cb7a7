; Clojure: temporal-clojure-sdk (io.github.manetu/temporal-sdk) idioms.
; The first capture of each pattern names what it found; languages/clojure.ts interprets them
; by the form's head symbol (defworkflow, defactivity, ns, def, s/<!, Thread/sleep...).

; Every list form with a symbol in head position.
(list_lit
  .
  (sym_lit) @head) @form

; Worker options maps: {:task-queue ... :dispatch {:workflows [...] :activities [...]}}.
(map_lit
  (kwd_lit
    name: (kwd_name) @key
    (#eq? @key "task-queue"))) @map
