; Rust: Temporal Rust SDK (experimental `WfContext` functions and the macro style) and duroxide.
; Capture vocabulary: see extract.ts; names: languages/rust.ts.
; `#[...]` attributes are the items' preceding siblings; they share the item's chunk.

; ---- scopes ----
((function_item
  name: (identifier) @scope.name) @scope
  (#set! scope.suffix "()"))

((impl_item
  type: (_) @scope.name) @scope
  (#set! scope.prefix "impl "))

((mod_item
  name: (identifier) @scope.name) @scope
  (#set! scope.prefix "mod "))

; Closures are named by their parameters, so `|ctx: OrchestrationContext|` marks orchestration code.
(closure_expression
  parameters: (_) @scope.name) @scope

; ---- items: #[workflow] structs, #[workflow_methods] / #[activities] impls, functions ----
((struct_item
  name: (type_identifier) @type.name) @type
  (#set! kind "struct"))

((impl_item
  type: (_) @type.name) @type
  (#set! kind "impl"))

(function_item
  name: (identifier) @function.name
  parameters: (parameters) @function.params) @function

(parameters
  (parameter
    pattern: (_) @param.name
    type: (_) @param.type) @param)

((attribute_item
  (attribute
    .
    (_) @annotation.name
    arguments: (token_tree)? @annotation.arguments)) @annotation
  (#set! annotation.target "next"))

; ---- values: string constants and locals (task queues, names) ----
([
  (const_item name: (identifier) @value.name value: (_) @value.value)
  (static_item name: (identifier) @value.name value: (_) @value.value)
  (let_declaration pattern: (identifier) @value.name value: (_) @value.value)
] @value)

; ---- calls: register_wf / register_activity, builder chains, determinism checks ----
; Method calls: their range starts at the method name.
(call_expression
  function: [
    (field_expression
      value: (_) @call.object
      field: (field_identifier) @call.method @call.start)
    (generic_function
      function: (field_expression
        value: (_) @call.object
        field: (field_identifier) @call.method @call.start)
      type_arguments: (type_arguments (_) @call.type-argument))
  ]
  arguments: (arguments) @call.arguments) @call

; Paths and functions: `tokio::spawn(...)`, `WorkerOptions::new(...)`.
(call_expression
  function: [
    (identifier) @call.callee
    (scoped_identifier) @call.callee
    (generic_function
      function: [(identifier) (scoped_identifier)] @call.callee
      type_arguments: (type_arguments (_) @call.type-argument))
  ]
  arguments: (arguments) @call.arguments) @call
