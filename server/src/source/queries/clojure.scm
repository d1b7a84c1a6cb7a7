; Clojure: temporal-clojure-sdk (io.github.manetu/temporal-sdk) idioms.
; Capture vocabulary: see extract.ts; names: languages/clojure.ts.
; Forms are told apart by their head symbol, with or without a namespace (`w/defworkflow`).

; ---- scopes ----
((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @scope.name)) @scope
  (#match? @_head "^(.*/)?defworkflow$")
  (#set! scope.prefix "defworkflow:"))

((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @scope.name)) @scope
  (#match? @_head "^(.*/)?(defactivity|defn-?|def)$")
  (#set! scope.prefix "def:"))

; ---- the namespace names `::keywords` ----
((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @namespace.name)) @namespace
  (#match? @_head "^(.*/)?ns$"))

; ---- definitions: (defworkflow name [ctx params] ...), (defactivity name [ctx params] ...) ----
((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @function.name)
  .
  (vec_lit)? @function.params) @function
  (#match? @_head "^(.*/)?defworkflow$")
  (#set! role "workflow"))

((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @function.name)
  .
  (vec_lit)? @function.params) @function
  (#match? @_head "^(.*/)?defactivity$")
  (#set! role "activity"))

((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit)
  .
  (vec_lit (_) @param))
  (#match? @_head "^(.*/)?def(workflow|activity)$"))

; ---- values: (def name "value"), names and task queues ----
((list_lit
  .
  (sym_lit) @_head
  .
  (sym_lit name: (sym_name) @value.name)
  (_) @value.value .) @value
  (#match? @_head "^(.*/)?def$"))

; ---- handlers ----
; Signals: (s/<! signals :name), (s/poll signals :name).
((list_lit
  .
  (sym_lit) @call.callee
  .
  (_)
  .
  [(kwd_lit) (str_lit) (sym_lit)] @call.argument) @call
  (#match? @call.callee "^(.*/)?(<!|poll|>!)$"))

; Queries and updates: the keywords the handler function dispatches on (see clojure.ts).
((list_lit
  .
  (sym_lit) @call.callee) @call
  (#match? @call.callee "^(.*/)?register-(query|update)-handler!$"))

; ---- workers: {:task-queue ... :dispatch {:workflows [...] :activities [...]}} ----
((map_lit
  (kwd_lit name: (kwd_name) @_key)) @call @call.argument
  (#eq? @_key "task-queue")
  (#set! callee "worker-options"))

; ---- determinism checks ----
((list_lit
  .
  (sym_lit) @call.callee) @call
  (#match? @call.callee "^(clojure\\.core/)?(Thread/sleep|System/(currentTimeMillis|nanoTime)|(java\\.time\\.)?(Instant|LocalDateTime)/now|(java\\.util\\.)?UUID/randomUUID|random-uuid|rand|rand-int|rand-nth|shuffle|future|future-call|pmap|thread|slurp|spit)$"))
