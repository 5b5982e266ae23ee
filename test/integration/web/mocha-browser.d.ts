// mocha's browser build (mocha/mocha.js) exports the instance that @types/mocha declares as the global `mocha`.
declare module 'mocha/mocha.js' {
  const mocha: BrowserMocha;
  export default mocha;
}
