; Workflow graph, TypeScript: every call (callee name, first argument) and the names bound to
; activity stubs by proxyActivities / proxyLocalActivities.
(call_expression
  function: [
    (identifier) @callee
    ; `await f<T>(x)` parses as a call of `(await f)` with type arguments.
    (await_expression (identifier) @callee)
    (member_expression object: (_) @receiver property: (property_identifier) @callee)
  ]
  arguments: (arguments . (_)? @arg0)) @call

(variable_declarator
  name: (object_pattern) @stubs
  value: (call_expression
    function: (identifier) @proxy
    (#match? @proxy "^proxy(Local)?Activities$")))

(variable_declarator
  name: (identifier) @stubObject
  value: (call_expression
    function: (identifier) @proxy
    (#match? @proxy "^proxy(Local)?Activities$")))
