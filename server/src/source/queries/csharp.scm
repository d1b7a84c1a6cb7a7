; C#: Temporalio .NET SDK idioms. Capture vocabulary: see extract.ts; names: languages/csharp.ts.

; ---- scopes ----
([
  (class_declaration name: (identifier) @scope.name)
  (interface_declaration name: (identifier) @scope.name)
  (record_declaration name: (identifier) @scope.name)
  (struct_declaration name: (identifier) @scope.name)
] @scope)

(([
  (method_declaration name: (identifier) @scope.name)
  (constructor_declaration name: (identifier) @scope.name)
  (property_declaration name: (identifier) @scope.name)
  (local_function_statement name: (identifier) @scope.name)
] @scope)
  (#set! scope.suffix "()"))

; ---- types: [Workflow] classes (or interfaces) ----
(class_declaration
  name: (identifier) @type.name) @type

((interface_declaration
  name: (identifier) @type.name) @type
  (#set! kind "interface"))

((record_declaration
  name: (identifier) @type.name) @type
  (#set! kind "record"))

([
  (class_declaration (base_list (_) @type.base))
  (interface_declaration (base_list (_) @type.base))
  (record_declaration (base_list (_) @type.base))
] @type)

; ---- members: [WorkflowRun], [WorkflowSignal], [WorkflowQuery], [WorkflowUpdate], [Activity] ----
(method_declaration
  returns: (_) @function.returns
  name: (identifier) @function.name
  parameters: (parameter_list) @function.params) @function

(property_declaration
  type: (_) @function.returns
  name: (identifier) @function.name) @function

(parameter_list
  (parameter
    type: (_)? @param.type
    name: (identifier) @param.name) @param)

(_
  (attribute_list
    (attribute
      name: (_) @annotation.name
      (attribute_argument_list)? @annotation.arguments) @annotation)) @annotation.target

; ---- values: string constants and locals (task queues, names) ----
(variable_declarator
  name: (identifier) @value.name
  (_) @value.value .) @value

(field_declaration
  (modifier) @value.modifier
  (variable_declaration (variable_declarator) @value))

(local_declaration_statement
  [(modifier) "const"] @value.modifier
  (variable_declaration (variable_declarator) @value))

((assignment_expression
  left: (identifier) @value.name
  right: (_) @value.value) @value
  (#set! value.link-only))

; ---- calls: worker options chains, determinism checks ----
(invocation_expression
  function: (member_access_expression
    expression: (_) @call.object
    name: [
      (identifier) @call.method
      (generic_name
        (identifier) @call.method
        (type_argument_list (_) @call.type-argument))
    ]) @call.callee
  arguments: (argument_list) @call.arguments) @call

; A call chained onto another (`new TemporalWorkerOptions("q").AddWorkflow<W>()`) starts at its name.
(invocation_expression
  function: (member_access_expression
    expression: [(invocation_expression) (object_creation_expression)]
    name: (_) @call.start)) @call

((object_creation_expression
  type: (_) @call.callee
  arguments: (argument_list)? @call.arguments) @call
  (#set! call.new)
  (#match? @call.callee "(^|\\.)(Random|Thread|HttpClient|TemporalWorkerOptions)$"))

((object_creation_expression
  initializer: (initializer_expression
    (assignment_expression
      left: (identifier) @_key
      right: (_) @call.named.TaskQueue))) @call
  (#eq? @_key "TaskQueue"))

; DateTime.Now / DateTime.UtcNow and friends are properties, not calls.
((member_access_expression
  expression: (identifier) @call.object
  name: (identifier) @call.method) @call
  (#set! call.property)
  (#any-of? @call.object "DateTime" "DateTimeOffset" "Environment"))
