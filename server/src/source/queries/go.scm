; Go: go.temporal.io/sdk idioms. Capture vocabulary: see extract.ts; names: languages/go.ts.

; ---- scopes ----
(function_declaration
  name: (identifier) @scope.name) @scope

(method_declaration
  name: (field_identifier) @scope.name) @scope

((func_literal) @scope
  (#set! scope.name "<func>"))

; ---- imports: they decide what `workflow.`, `time.` and `worker.` refer to ----
(import_spec
  name: (_)? @import.alias
  path: (_) @import.path) @import

; ---- functions: workflow code takes workflow.Context first, activities context.Context ----
(function_declaration
  name: (identifier) @function.name
  parameters: (parameter_list) @function.params
  result: (_)? @function.returns) @function

(method_declaration
  receiver: (parameter_list (parameter_declaration type: (_) @function.receiver))
  name: (field_identifier) @function.name
  parameters: (parameter_list) @function.params
  result: (_)? @function.returns) @function

((parameter_list
  (parameter_declaration
    name: (identifier) @param
    type: (_) @param.type)) @param.list)

((parameter_list
  (parameter_declaration
    !name
    type: (_) @param.type) @param)
  (#set! param.name ""))

((parameter_list
  (variadic_parameter_declaration
    name: (identifier) @param
    type: (_) @param.type)) @param.list
  (#set! type.prefix "..."))

((parameter_list
  (variadic_parameter_declaration
    !name
    type: (_) @param.type) @param)
  (#set! param.name "")
  (#set! type.prefix "..."))

; ---- values: names, task queues, map-typed variables ----
(const_spec
  name: (identifier) @value.name
  value: (expression_list) @value.values) @value

(var_spec
  name: (identifier) @value.name
  type: (_)? @value.type
  value: (expression_list)? @value.values) @value

(short_var_declaration
  left: (expression_list) @value.names
  right: (expression_list) @value.values) @value

((assignment_statement
  left: (expression_list) @value.names
  right: (expression_list) @value.values) @value
  (#set! value.link-only))

; ---- calls: worker.New / Register*, handler registration, determinism checks ----
(call_expression
  function: (selector_expression
    operand: (_) @call.object
    field: (field_identifier) @call.method) @call.callee
  arguments: (argument_list) @call.arguments) @call

; Plain calls: a function called directly from workflow code is a helper, not a workflow.
((call_expression
  function: (identifier) @call.callee
  arguments: (argument_list) @call.arguments) @call
  (#not-eq? @call.callee "make"))

; Handlers passed as function literals: their parameters are the handler's.
(call_expression
  arguments: (argument_list
    .
    (_)
    .
    (_)
    .
    (func_literal
      parameters: (parameter_list) @call.handler))) @call

((call_expression
  function: (identifier) @call.callee
  arguments: (argument_list . (channel_type)) @call.arguments) @call
  (#eq? @call.callee "make"))

; Native concurrency and map iteration inside workflow functions.
((go_statement
  (call_expression) @call.inner) @call
  (#set! callee "go"))

((go_statement
  (call_expression
    function: (func_literal
      parameters: (parameter_list) @_params
      body: (block) @call.body)
    arguments: (argument_list) @_args)) @call
  (#match? @_params "^\\(\\s*\\)$")
  (#match? @_args "^\\(\\s*\\)$"))

((select_statement "select" @call)
  (#set! callee "select"))

((for_statement
  (range_clause
    right: (_) @call.argument) @call)
  (#set! callee "range"))
