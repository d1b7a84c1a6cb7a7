; Java: io.temporal SDK idioms. Capture vocabulary: see extract.ts; names: languages/java.ts.

; ---- scopes ----
([
  (class_declaration name: (identifier) @scope.name)
  (interface_declaration name: (identifier) @scope.name)
  (record_declaration name: (identifier) @scope.name)
  (enum_declaration name: (identifier) @scope.name)
] @scope)

(([
  (method_declaration name: (identifier) @scope.name)
  (constructor_declaration name: (identifier) @scope.name)
] @scope)
  (#set! scope.suffix "()"))

; ---- types: @WorkflowInterface / @ActivityInterface interfaces, implementation classes ----
((interface_declaration
  name: (identifier) @type.name) @type
  (#set! kind "interface"))

(interface_declaration
  (extends_interfaces (type_list (_) @type.base))) @type

(class_declaration
  name: (identifier) @type.name) @type

((record_declaration
  name: (identifier) @type.name) @type
  (#set! kind "record"))

([
  (class_declaration interfaces: (super_interfaces (type_list (_) @type.base)))
  (record_declaration interfaces: (super_interfaces (type_list (_) @type.base)))
] @type)

; ---- methods: @WorkflowMethod, @SignalMethod, @QueryMethod, @UpdateMethod, @ActivityMethod ----
(method_declaration
  name: (identifier) @function.name
  parameters: (formal_parameters) @function.params) @function

(formal_parameters
  (formal_parameter
    type: (_) @param.type
    name: (_) @param.name) @param)

((formal_parameters
  (spread_parameter
    .
    (_) @param.type
    (variable_declarator name: (identifier) @param.name)) @param)
  (#set! type.suffix "..."))

((formal_parameters
  (spread_parameter
    (modifiers)
    .
    (_) @param.type
    (variable_declarator name: (identifier) @param.name)) @param)
  (#set! type.suffix "..."))

(_
  (modifiers
    [
      (marker_annotation name: (_) @annotation.name)
      (annotation
        name: (_) @annotation.name
        arguments: (annotation_argument_list) @annotation.arguments)
    ] @annotation)) @annotation.target

; ---- values: string constants and locals (task queues, names) ----
([
  (field_declaration
    declarator: (variable_declarator
      name: (identifier) @value.name
      value: (_) @value.value))
  (local_variable_declaration
    declarator: (variable_declarator
      name: (identifier) @value.name
      value: (_) @value.value))
] @value)

([
  (field_declaration (modifiers "final" @value.modifier))
  (local_variable_declaration (modifiers "final" @value.modifier))
] @value)

((assignment_expression
  left: (identifier) @value.name
  right: (_) @value.value) @value
  (#set! value.link-only))

; ---- calls: newWorker / register*, Workflow.* usage, determinism checks ----
(method_invocation
  object: (_)? @call.object
  name: (identifier) @call.method
  arguments: (argument_list) @call.arguments) @call

((object_creation_expression
  type: (_) @call.callee
  arguments: (argument_list) @call.arguments) @call
  (#set! call.new))
