; Go: go.temporal.io/sdk idioms.
; The first capture of each pattern names what it found; languages/go.ts interprets them.

; Imports (with optional alias) decide what `workflow.`, `time.` and `worker.` refer to.
(import_spec
  path: (_) @path) @import

; Functions and methods: workflow functions take workflow.Context first, activities context.Context.
(function_declaration
  name: (identifier) @name
  parameters: (parameter_list) @params) @function

(method_declaration
  receiver: (parameter_list) @receiver
  name: (field_identifier) @name
  parameters: (parameter_list) @params) @function

; Constants and variables: names, task queues, map-typed variables.
(const_spec
  name: (identifier) @name
  value: (expression_list) @value) @const

(var_spec
  name: (identifier) @name) @var

(short_var_declaration
  left: (expression_list) @left
  right: (expression_list) @right) @short_var

; Calls: worker.New / Register*, handler registration, determinism checks.
(call_expression
  function: [
    (identifier)
    (selector_expression)
  ] @callee
  arguments: (argument_list) @args) @call

; Native concurrency and map iteration inside workflow functions.
(go_statement) @go
(select_statement) @select
(for_statement
  (range_clause
    right: (_) @subject)) @range_for
