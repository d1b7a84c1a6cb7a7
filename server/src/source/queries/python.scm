; Python: temporalio SDK idioms. Capture vocabulary: see extract.ts; names: languages/python.ts.

; ---- scopes ----
(class_definition
  name: (identifier) @scope.name) @scope

((function_definition
  name: (identifier) @scope.name) @scope
  (#set! scope.suffix "()"))

; ---- imports: they decide what `wf.defn`, `dt.now()` or `sleep()` refer to ----
; `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
(import_statement
  name: (dotted_name . (identifier) @import.path) @import)

(import_statement
  name: (aliased_import
    name: (_) @import.path
    alias: (_) @import.alias) @import)

(import_from_statement
  module_name: (_) @import.path
  name: (dotted_name) @import.name @import)

(import_from_statement
  module_name: (_) @import.path
  name: (aliased_import
    name: (_) @import.name
    alias: (_) @import.alias) @import)

(import_from_statement
  module_name: (_) @import.path
  (wildcard_import) @import.wildcard @import)

; ---- definitions ----
; Classes: @workflow.defn(name=...) makes a workflow; base classes carry inherited handlers.
(class_definition
  name: (identifier) @type.name) @type

(class_definition
  superclasses: (argument_list [(identifier) (attribute)] @type.base)) @type

; Decorated functions: @workflow.run / signal / query / update methods, @activity.defn.
(decorated_definition
  definition: (function_definition
    name: (identifier) @function.name
    parameters: (parameters) @function.params) @function)

(decorated_definition
  (decorator . [(identifier) (attribute)] @annotation.name) @annotation
  definition: (_) @annotation.target)

(decorated_definition
  (decorator . (call
    function: (_) @annotation.name
    arguments: (argument_list) @annotation.arguments)) @annotation
  definition: (_) @annotation.target)

(decorated_definition
  definition: (function_definition
    parameters: (parameters [
      (identifier)
      (list_splat_pattern)
      (dictionary_splat_pattern)
    ] @param)))

(decorated_definition
  definition: (function_definition
    parameters: (parameters (typed_parameter . (_) @param.name type: (_) @param.type) @param)))

(decorated_definition
  definition: (function_definition
    parameters: (parameters [
      (default_parameter name: (_) @param.name)
      (typed_default_parameter name: (_) @param.name type: (_) @param.type)
    ] @param)))

; ---- values: task queues and names in strings or environment lookups with a default ----
(assignment
  left: (identifier) @value.name
  right: (_) @value.value) @value

; ---- calls: Worker(...), workflow.set_*_handler, determinism checks ----
(call
  function: [(identifier) (attribute)] @call.callee
  arguments: (argument_list) @call.arguments) @call

; Decorator calls are read with their definition.
((decorator (call) @call)
  (#set! call.decorator))

; Plain functions (the rules keep module-level ones): duroxide's binding registers them by
; reference (runtime.register_orchestration("Name", fn)).
(function_definition
  name: (identifier) @function.name
  parameters: (parameters) @function.params) @function

(function_definition
  parameters: (parameters [
    (identifier)
    (typed_parameter . (_) @param.name type: (_) @param.type)
    (default_parameter name: (_) @param.name)
  ] @param))
