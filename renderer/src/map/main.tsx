import { mountWindow } from '../shell/mount';
import { MapWindow } from './MapWindow';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';

mountWindow('map', <MapWindow />);
