; Java: io.temporal SDK idioms.
; The first capture of each pattern names what it found; languages/java.ts interprets them.
; Annotations are read from each declaration's `modifiers`.

(import_declaration) @import

; Types: @WorkflowInterface / @ActivityInterface interfaces, implementation classes.
(interface_declaration
  name: (identifier) @name) @type

(class_declaration
  name: (identifier) @name) @type

(record_declaration
  name: (identifier) @name) @type

; Methods: @WorkflowMethod, @SignalMethod, @QueryMethod, @UpdateMethod, @ActivityMethod.
(method_declaration
  name: (identifier) @name
  parameters: (formal_parameters) @params) @method

; String constants and locals: task queues and names.
(field_declaration
  declarator: (variable_declarator
    name: (identifier) @name
    value: (_) @value)) @variable

(local_variable_declaration
  declarator: (variable_declarator
    name: (identifier) @name
    value: (_) @value)) @variable

; Calls: newWorker / register*, Workflow.* usage, determinism checks.
(method_invocation
  name: (identifier) @name
  arguments: (argument_list) @args) @call

(object_creation_expression
  type: (_) @type
  arguments: (argument_list) @args) @new
