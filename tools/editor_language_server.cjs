// Asks the real Cucumber language server, the one VS Code's « Cucumber » extension embeds, where every step of the
// feature files goes: the harness's proof that the editor settings written by `make catalogue` work
// (tests/test_editor_settings.py reads the JSON this prints; tools/editor_settings.py says what the files are).
//
//   node tools/editor_language_server.cjs TOOLS_DIR SETTINGS_JSON   (run from the workspace root)
//
// TOOLS_DIR holds node_modules/ (.ci/install-editor-tools.sh). The server is started as the extension starts it
// (startEmbeddedServer of @cucumber/language-server/wasm, tree-sitter's wasm parsers of @cucumber/language-service),
// and driven over the Language Server Protocol as VS Code drives it: its `workspace/configuration` request gets the
// `cucumber.*` keys of SETTINGS_JSON, it indexes features and glue, then each feature file is opened (the server
// answers with its diagnostics: an undefined step is one) and go-to-definition (`textDocument/definition`) is asked
// on every step line. Go-to-definition on an outline line gets the line as written (`<pack>` included): that is
// what the server matches. The rows of its Examples are what runs, so each outline step is also asked once per row,
// its text substituted by Gherkin's own compiler (the pickles), on the lines of one extra document opened in the
// server. Nothing here matches a step itself.
'use strict'

const fs = require('fs')
const path = require('path')
const url = require('url')
const { createRequire } = require('module')

const [toolsDir, settingsPath] = process.argv.slice(2)
if (!toolsDir || !settingsPath) {
  process.stderr.write('usage : node tools/editor_language_server.cjs DOSSIER_OUTILS SETTINGS_JSON\n')
  process.exit(2)
}
const load = createRequire(path.join(path.resolve(toolsDir), 'package.json'))
const { startEmbeddedServer } = load('@cucumber/language-server/wasm')
const { NodeFiles } = load('@cucumber/language-server/node')
const rpc = load('vscode-jsonrpc/node')
const gherkin = load('@cucumber/gherkin')
const messages = load('@cucumber/messages')

const root = process.cwd() // the server's NodeFiles resolves the globs' results against the current folder
const rootUri = url.pathToFileURL(root).href
// The wasm files the package ships, as the extension passes them (its own copy of that folder).
const wasmDir = path.join(path.resolve(toolsDir), 'node_modules', '@cucumber', 'language-service', 'dist')

// VS Code hands the server the `cucumber` section of the settings: the keys under `cucumber.`.
const settings = JSON.parse(fs.readFileSync(settingsPath, 'utf-8'))
const section = {}
for (const [key, value] of Object.entries(settings)) {
  if (key.startsWith('cucumber.')) section[key.slice('cucumber.'.length)] = value
}

function deferred() {
  let resolve
  const promise = new Promise((r) => (resolve = r))
  return { promise, resolve }
}

async function main() {
  const indexed = deferred()
  const { reader, writer } = startEmbeddedServer(wasmDir, (uri) => new NodeFiles(uri), (registry, expressions) =>
    indexed.resolve(expressions),
  )
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(reader), new rpc.StreamMessageWriter(writer))
  const errors = []
  const diagnostics = new Map()
  const diagnosed = new Map()
  connection.onRequest('workspace/configuration', (params) =>
    params.items.map((item) => (item.section === 'cucumber' ? section : null)),
  )
  // Whatever else the server asks of its client (registerCapability, semanticTokens/refresh), VS Code accepts.
  connection.onRequest(() => null)
  connection.onNotification('window/logMessage', (message) => {
    if (message.type === 1) errors.push(message.message) // MessageType.Error: e.g. a glue literal it cannot read
  })
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    diagnostics.set(params.uri, params.diagnostics)
    if (diagnosed.has(params.uri)) diagnosed.get(params.uri).resolve()
  })
  connection.listen()

  const started = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    clientInfo: { name: 'tests/test_editor_settings.py' },
    capabilities: { workspace: { configuration: true }, textDocument: { definition: { linkSupport: true } } },
  })
  connection.sendNotification('initialized', {})
  const expressions = await indexed.promise

  async function open(uri, text) {
    const done = deferred()
    diagnosed.set(uri, done)
    connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'cucumber', version: 1, text },
    })
    await done.promise
    return (diagnostics.get(uri) || []).map((d) => ({ line: d.range.start.line + 1, message: d.message }))
  }

  async function definitions(uri, line, character) {
    const links = (await connection.sendRequest('textDocument/definition', {
      textDocument: { uri },
      position: { line, character },
    })) || []
    return links.map((link) => {
      const range = link.targetSelectionRange || link.range
      return { path: url.fileURLToPath(link.targetUri || link.uri), line: range.start.line + 1 }
    })
  }

  const files = new NodeFiles(rootUri)
  const uris = [...new Set((await Promise.all((section.features || []).map((g) => files.findUris(g)))).flat())].sort()
  const features = []
  const rows = [] // [feature, step line, substituted text]
  for (const uri of uris) {
    const text = fs.readFileSync(url.fileURLToPath(uri), 'utf-8')
    const feature = { path: path.relative(root, url.fileURLToPath(uri)), diagnostics: await open(uri, text), steps: [], rows: [] }
    features.push(feature)
    const envelopes = gherkin.generateMessages(text, uri, messages.SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      includeSource: false,
      includeGherkinDocument: true,
      includePickles: true,
      newId: messages.IdGenerator.incrementing(),
    })
    const stepsById = new Map()
    for (const envelope of envelopes) {
      if (envelope.gherkinDocument) collectSteps(envelope.gherkinDocument.feature, stepsById)
    }
    for (const step of stepsById.values()) {
      const links = await definitions(uri, step.location.line - 1, step.location.column - 1 + step.keyword.length)
      feature.steps.push({ line: step.location.line, text: step.text, outline: step.outline, links })
    }
    const seen = new Set()
    for (const envelope of envelopes) {
      if (!envelope.pickle) continue
      for (const pickleStep of envelope.pickle.steps) {
        const step = stepsById.get(pickleStep.astNodeIds[0])
        const key = `${step.location.line}\u0000${pickleStep.text}`
        if (step.outline && !seen.has(key)) {
          seen.add(key)
          rows.push([feature, step.location.line, pickleStep.text])
        }
      }
    }
  }

  // The Examples rows, each a step of one more document (never written to disk), asked like any other line.
  const rowsUri = url.pathToFileURL(path.join(root, '.lignes-des-exemples.feature')).href
  const header = ['# language: fr', 'Fonctionnalité: lignes des plans de scénario', '  Scénario: une étape par ligne']
  const rowsDiagnostics = rows.length
    ? await open(rowsUri, header.concat(rows.map(([, , text]) => `    Soit ${text}`)).join('\n') + '\n')
    : []
  for (const [index, [feature, line, text]] of rows.entries()) {
    const links = await definitions(rowsUri, header.length + index, '    Soit '.length)
    const undefinedHere = rowsDiagnostics.some((d) => d.line === header.length + index + 1)
    feature.rows.push({ line, text, links, undefined: undefinedHere })
  }

  const result = {
    server: started.serverInfo,
    expressions: expressions.length,
    errors,
    features,
  }
  fs.writeSync(1, JSON.stringify(result) + '\n')
  // The server reindexes 3 s after each opened document (its own timer): nothing more to ask, so stop here.
  process.exit(0)
}

function collectSteps(node, stepsById, outline = false) {
  if (!node) return
  for (const child of node.children || []) {
    if (child.background) addSteps(child.background.steps, stepsById, false)
    if (child.scenario) addSteps(child.scenario.steps, stepsById, (child.scenario.examples || []).length > 0)
    if (child.rule) collectSteps(child.rule, stepsById, outline)
  }
}

function addSteps(steps, stepsById, outline) {
  for (const step of steps) stepsById.set(step.id, { ...step, outline })
}

main().catch((err) => {
  process.stderr.write(`Serveur de langage Cucumber : ${err.stack || err}\n`)
  process.exit(1)
})
