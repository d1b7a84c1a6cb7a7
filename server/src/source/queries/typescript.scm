; TypeScript / JavaScript: @temporalio/* SDK idioms (compiled for the typescript and tsx grammars).
; Capture vocabulary: see extract.ts; names: languages/typescript.ts.

; ---- scopes ----
([
  (function_declaration name: (_) @scope.name)
  (generator_function_declaration name: (_) @scope.name)
  (method_definition name: (_) @scope.name)
  (class_declaration name: (_) @scope.name)
] @scope)

(variable_declarator
  name: (identifier) @scope.name
  value: [(arrow_function) (function_expression)] @scope.inner) @scope

; Anonymous functions get a scope too, so their locals do not leak to the module.
([(arrow_function) (function_expression)] @scope
  (#set! scope.name "<anonymous>"))

; ---- imports: they decide whether a module is a workflow module and what names refer to ----
(import_statement
  "type"? @import.type-only
  source: (string) @import.path) @import

((import_statement
  (import_clause (identifier) @import.alias @import)
  source: (string) @import.path)
  (#set! import.name "default"))

(import_statement
  (import_clause (namespace_import (identifier) @import.alias) @import)
  source: (string) @import.path)

(import_statement
  (import_clause (named_imports (import_specifier
    name: (_) @import.name
    alias: (_)? @import.alias) @import))
  source: (string) @import.path)

(import_specifier "type" @import.type-only) @import

((call_expression
  function: (identifier) @_require
  arguments: (arguments . [(string) (template_string)] @import.path)) @import
  (#eq? @_require "require")
  (#set! import.require))

; Re-exports (`export * from './x'`) let a workflowsPath module pull workflows from others.
(export_statement
  "*"
  source: (string) @export.path) @export

; `export { a as B } from './x'`: the bundle registers `a` of x under the name B.
(export_statement
  (export_clause (export_specifier
    name: (_) @export.name
    alias: (_)? @export.alias) @export)
  source: (string) @export.path)

; `export { a, b as c }` of local functions.
(export_statement
  (export_clause (export_specifier
    name: (_) @export.name
    alias: (_)? @export.alias) @export)
  !source)

; ---- functions: workflow functions in workflow modules, activities elsewhere ----
([
  (function_declaration name: (identifier) @function.name parameters: (formal_parameters) @function.params)
  (generator_function_declaration name: (identifier) @function.name parameters: (formal_parameters) @function.params)
] @function)

; `const f = async (...) => {}` / `const f = function (...) {}`.
(variable_declarator
  name: (identifier) @function.name
  value: [
    (arrow_function parameters: (formal_parameters)? @function.params)
    (function_expression parameters: (formal_parameters) @function.params)
  ]) @function

((export_statement
  [(function_declaration) (generator_function_declaration)] @function)
  (#set! exported))

((export_statement
  (lexical_declaration (variable_declarator) @function))
  (#set! exported))

(formal_parameters
  (required_parameter
    pattern: (_) @param.name
    type: (type_annotation)? @param.type) @param)

((formal_parameters
  (optional_parameter
    pattern: (_) @param.name
    type: (type_annotation)? @param.type) @param)
  (#set! param.optional))

((formal_parameters
  (required_parameter value: (_)) @param)
  (#set! param.optional))

(arrow_function
  parameter: (_) @param)

; ---- values: string constants, env lookups, module paths ----
(variable_declarator
  name: (identifier) @value.name
  value: (_) @value.value) @value

; ---- calls: defineSignal/Query/Update, setHandler, Worker.create, and calls taking a name first ----
((call_expression
  function: [(identifier) (member_expression)] @call.callee
  arguments: (arguments) @call.arguments) @call
  (#match? @call.callee "(^|[.\\s])(defineSignal|defineQuery|defineUpdate|setHandler|create|bundleWorkflowCode)$"))

((call_expression
  function: [(identifier) (member_expression)] @call.callee
  arguments: (arguments . [(string) (template_string)]) @call.arguments) @call
  (#not-eq? @call.callee "require"))

; Handlers: the parameters of the function passed second.
(call_expression
  arguments: (arguments
    .
    (_)
    .
    [
      (arrow_function parameters: (formal_parameters) @call.handler)
      (function_expression parameters: (formal_parameters) @call.handler)
      (arrow_function parameter: (_)) @call.handler
    ])) @call
