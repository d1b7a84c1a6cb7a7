; TypeScript / JavaScript: @temporalio/* SDK idioms (compiled for the typescript and tsx grammars).
; The first capture of each pattern names what it found; languages/typescript.ts interprets them.

; Imports decide whether a module is a workflow module and what names refer to.
(import_statement
  source: (string) @source) @import

; Re-exports (`export * from './x'`) let a workflowsPath module pull workflows from others.
(export_statement
  source: (string) @source) @reexport

; `export { a, b as c }` of local functions.
(export_statement
  (export_clause) @clause
  !source) @export_clause

; Function declarations: workflow functions in workflow modules, activities elsewhere.
(function_declaration
  name: (identifier) @name
  parameters: (formal_parameters) @params) @function

(generator_function_declaration
  name: (identifier) @name
  parameters: (formal_parameters) @params) @function

; `const f = async (...) => {}` / `const f = function (...) {}`.
(variable_declarator
  name: (identifier) @name
  value: [
    (arrow_function)
    (function_expression)
  ] @value) @function_var

; Other variables: string constants, env lookups, define* results.
(variable_declarator
  name: (identifier) @name
  value: (_) @value) @variable

; Calls: require(), defineSignal/Query/Update, setHandler, Worker.create.
(call_expression
  function: [
    (identifier)
    (member_expression)
  ] @callee
  arguments: (arguments) @args) @call
