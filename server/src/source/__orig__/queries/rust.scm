; Rust: Temporal Rust SDK (experimental `WfContext` functions and the macro style) and duroxide.
; The first capture of each pattern names what it found; languages/rust.ts interprets them.
; `#[...]` attributes are the items' preceding siblings; they share the item's chunk.

; #[workflow] structs.
(struct_item
  name: (type_identifier) @name) @struct

; #[workflow_methods] / #[activities] impl blocks.
(impl_item
  type: (_) @type) @impl

; Functions: WfContext / WorkflowContext / OrchestrationContext parameters, #[run], #[signal]...
(function_item
  name: (identifier) @name
  parameters: (parameters) @params) @function

; String constants and locals: task queues and names.
(const_item
  name: (identifier) @name
  value: (_) @value) @constant

(static_item
  name: (identifier) @name
  value: (_) @value) @constant

(let_declaration
  pattern: (identifier) @name
  value: (_) @value) @let

; Calls: register_wf / register_activity, builder chains, determinism checks.
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @call
