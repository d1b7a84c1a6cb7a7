; Python: temporalio SDK idioms.
; The first capture of each pattern names what it found; languages/python.ts interprets them.

; Imports decide what `wf.defn`, `dt.now()` or `sleep()` refer to.
(import_statement) @import
(import_from_statement) @import
(future_import_statement) @import

; Decorated classes: @workflow.defn(name=...) workflows (bases give inherited handlers).
(decorated_definition
  (decorator)+ @decorator
  definition: (class_definition
    name: (identifier) @name
    superclasses: (argument_list)? @bases)) @class

; Undecorated classes can hold handlers inherited by a decorated workflow class.
(class_definition
  name: (identifier) @name
  superclasses: (argument_list)? @bases) @plain_class

; Decorated functions: @workflow.run / signal / query / update, @activity.defn.
(decorated_definition
  (decorator)+ @decorator
  definition: (function_definition
    name: (identifier) @name
    parameters: (parameters) @params)) @function

; Calls: Worker(...) registrations, workflow.set_*_handler, determinism checks.
(call
  function: [(identifier) (attribute)] @callee
  arguments: (argument_list) @args) @call

; Assignments of strings (or environment lookups with a default): task queues and names.
(assignment
  left: (identifier) @name
  right: (_) @value) @assign
