; C#: Temporalio .NET SDK idioms.
; The first capture of each pattern names what it found; languages/csharp.ts interprets them.
; Attributes are read from each declaration's attribute lists.

; Types: [Workflow] classes (or interfaces).
(class_declaration
  name: (identifier) @name) @type

(interface_declaration
  name: (identifier) @name) @type

(record_declaration
  name: (identifier) @name) @type

; Members: [WorkflowRun], [WorkflowSignal], [WorkflowQuery], [WorkflowUpdate], [Activity].
(method_declaration
  name: (identifier) @name
  parameters: (parameter_list) @params) @method

(property_declaration
  name: (identifier) @name) @property

; String constants and locals: task queues and names.
(variable_declarator
  name: (identifier) @name) @variable

; Calls: worker options chains, determinism checks.
(invocation_expression
  function: (_) @callee
  arguments: (argument_list) @args) @call

(object_creation_expression
  type: (_) @type) @new

; DateTime.Now / DateTime.UtcNow and friends are properties, not calls.
(member_access_expression
  expression: (identifier) @object
  name: (identifier) @member) @member_access
