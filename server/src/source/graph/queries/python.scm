; Workflow graph, Python: every call (callee name, receiver, first argument).
(call
  function: [
    (identifier) @callee
    (attribute object: (_) @receiver attribute: (identifier) @callee)
  ]
  arguments: (argument_list . (_)? @arg0)) @call
